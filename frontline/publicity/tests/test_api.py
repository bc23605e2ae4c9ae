import datetime as dt

from frontline.publicity.models import ColumnPost, Deed, Submission
from frontline.testing import make_person


def test_api_post_create_and_workflow(users, api_for):
    author = api_for("county_publicity")
    response = author.post(
        "/api/v1/publicity/posts/", {"title": "专栏", "body": "正文"}, content_type="application/json"
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    assert (
        author.post(
            f"/api/v1/publicity/posts/{pk}/action", {"action": "submit"}, content_type="application/json"
        ).status_code
        == 200
    )
    assert (
        author.post(
            f"/api/v1/publicity/posts/{pk}/action", {"action": "publish"}, content_type="application/json"
        ).status_code
        == 403
    )
    admin = api_for("county_admin")
    r = admin.post(
        f"/api/v1/publicity/posts/{pk}/action",
        {"action": "publish", "publish_date": "2020-02-19"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "published"


def test_api_post_create_wrong_role_and_wrong_jurisdiction(users, api_for):
    r = api_for("yuantang_secretary").post(
        "/api/v1/publicity/posts/", {"title": "t", "body": "b"}, content_type="application/json"
    )
    assert r.status_code == 403
    from django.test import Client

    from frontline.accounts.models import User
    from frontline.accounts.services import api_token_issue

    editor = User.objects.create(username="gx_editor", division_id="360732104", roles=["publicity_editor"])
    c = Client(HTTP_AUTHORIZATION=f"Bearer {api_token_issue(actor=None, user=editor, days=None)}")
    r = c.post(
        "/api/v1/publicity/posts/",
        {"title": "t", "body": "b", "division_code": "360732209"},
        content_type="application/json",
    )
    assert r.status_code == 404
    assert not ColumnPost.objects.exists()


def test_api_validation_error_is_422_in_chinese(users, api_for):
    r = api_for("county_publicity").post(
        "/api/v1/publicity/posts/", {"title": "", "body": "b"}, content_type="application/json"
    )
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "title"


def test_api_deed_nominate_links_people_without_identifiers(users, api_for):
    person = make_person("360732217203", "李良")
    r = api_for("yuantang_secretary").post(
        "/api/v1/publicity/deeds/",
        {"title": "第一书记", "story": "回村", "person_ids": [person.pk]},
        content_type="application/json",
    )
    assert r.status_code == 201
    data = r.json()
    assert data["people"] == [{"id": person.pk, "name": "李良", "division_code": "360732217203"}]
    assert person.id_masked not in r.content.decode()


def test_api_deed_cannot_name_a_person_outside_jurisdiction(users, api_for):
    other = make_person("360732217204", "外村人")
    r = api_for("yuantang_secretary").post(
        "/api/v1/publicity/deeds/",
        {"title": "t", "story": "s", "person_ids": [other.pk]},
        content_type="application/json",
    )
    assert r.status_code == 422
    assert not Deed.objects.exists()


def test_api_deed_wrong_role_is_refused(users, api_for):
    r = api_for("xgwest_duty").post(
        "/api/v1/publicity/deeds/", {"title": "t", "story": "s"}, content_type="application/json"
    )
    assert r.status_code == 403


def test_api_submission_flow(users, api_for):
    deed = Deed.objects.create(
        division_code="360732",
        title="d",
        story="s",
        status="reviewed",
        nominated_by=users["county_admin"],
        nominated_at="2020-02-18T10:00:00+08:00",
    )
    api = api_for("county_publicity")
    r = api.post(
        "/api/v1/publicity/submissions/",
        {"deed_id": deed.pk, "level": "province_org"},
        content_type="application/json",
    )
    assert r.status_code == 201
    sid = r.json()["id"]
    deed.refresh_from_db()
    assert deed.status == "submitted"
    r = api.post(
        f"/api/v1/publicity/submissions/{sid}/outcome",
        {"status": "returned"},
        content_type="application/json",
    )
    assert r.status_code == 422  # returned needs the feedback saying why
    r = api.post(
        f"/api/v1/publicity/submissions/{sid}/outcome",
        {"status": "returned", "feedback": "补充材料"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "returned"
    listing = api.get("/api/v1/publicity/submissions/").json()
    assert listing["count"] == 1 and listing["items"][0]["title"] == "d"


def test_api_submission_outside_jurisdiction_is_404(users, api_for):
    sub_deed = Deed.objects.create(
        division_code="360732209",
        title="均村",
        story="s",
        status="reviewed",
        nominated_by=users["junchun_admin"],
        nominated_at="2020-02-18T10:00:00+08:00",
    )
    Submission.objects.create(
        division_code="360732209",
        deed=sub_deed,
        level="city_org",
        sent_at="2020-02-18T10:00:00+08:00",
        sent_by=users["county_admin"],
    )
    assert api_for("gaoxing_admin").get("/api/v1/publicity/submissions/").json()["count"] == 0


def test_api_lists_have_pinned_query_counts(users, api_for, django_assert_max_num_queries):
    for i in range(10):
        ColumnPost.objects.create(
            division_code="360732",
            title=f"t{i}",
            body="b",
            status="published",
            author=users["county_publicity"],
            editor=users["county_admin"],
            publish_date=dt.date(2020, 2, 1 + i),
        )
        Deed.objects.create(
            division_code="360732",
            title=f"d{i}",
            story="s",
            nominated_by=users["county_admin"],
            nominated_at="2020-02-18T10:00:00+08:00",
        )
    api = api_for("county_leader")
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/publicity/posts/").json()["count"] == 10
    with django_assert_max_num_queries(10):
        assert api.get("/api/v1/publicity/deeds/").json()["count"] == 10


def test_api_deed_links_records_of_the_jurisdiction_only(users, api_for):
    from frontline.people.models import Cadre

    mine = Cadre.objects.create(
        person=make_person("360732217203", "李良"), kind="first_secretary", division_code="360732217203"
    )
    other = Cadre.objects.create(
        person=make_person("360732217204", "外村"), kind="village_cadre", division_code="360732217204"
    )
    api = api_for("yuantang_secretary")
    r = api.post(
        "/api/v1/publicity/deeds/",
        {
            "title": "t",
            "story": "s",
            "records": [{"type": "people.cadre", "id": mine.pk, "label": "第一书记"}],
        },
        content_type="application/json",
    )
    assert r.status_code == 201
    assert r.json()["records"] == [{"type": "people.cadre", "id": mine.pk, "label": "第一书记"}]
    for ref in (
        {"type": "people.cadre", "id": other.pk},
        {"type": "auth.permission", "id": 1},
        {"type": "nope", "id": 1},
    ):
        r = api.post(
            "/api/v1/publicity/deeds/",
            {"title": "t", "story": "s", "records": [ref]},
            content_type="application/json",
        )
        assert r.status_code == 422, ref
    assert Deed.objects.count() == 1
