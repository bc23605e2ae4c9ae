import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from frontline.people.models import Membership, Organization
from frontline.publicity import services
from frontline.publicity.models import Deed, Submission
from frontline.testing import make_person


@pytest.fixture
def deed(users):
    return services.deed_nominate(
        actor=users["yuantang_secretary"],
        title="第一书记回村",
        story="组建宣传巡逻队",
        person_ids=[make_person("360732217203", "李良").pk],
    )


def test_deed_links_people_and_records_of_the_jurisdiction(users, deed):
    org = Organization.objects.create(division_code="360732217203", kind="village_branch", name="园塘村支部")
    membership = Membership.objects.create(
        person=deed.people.get(), organization=org, kind="party_member", division_code=org.division_code
    )
    link = services.deed_link_record(
        actor=users["yuantang_secretary"], deed=deed, record=membership, label="党员"
    )
    assert link.record == membership
    assert deed.records.count() == 1


def test_deed_cannot_link_a_record_of_another_village(users, deed):
    other = make_person("360732217204", "塘石人")
    with pytest.raises(ValidationError):
        services.deed_link_record(actor=users["yuantang_secretary"], deed=deed, record=other)


def test_nominator_cannot_review_own_deed(users):
    own = services.deed_nominate(actor=users["county_publicity"], title="t", story="s")
    with pytest.raises(PermissionDenied):
        services.deed_decide(actor=users["county_publicity"], deed=own, action="publish")


def test_deed_review_publish_and_submit(users, deed):
    services.deed_decide(actor=users["county_publicity"], deed=deed, action="review")
    services.deed_decide(actor=users["county_publicity"], deed=deed, action="publish")
    sub = services.submission_create(actor=users["county_publicity"], deed=deed, level="province_org")
    deed.refresh_from_db()
    assert deed.status == "submitted" and sub.division_code == "360732217203"
    services.submission_record_outcome(
        actor=users["county_admin"], submission=sub, status="published", published_url="https://example.org/a"
    )
    with pytest.raises(ValidationError):  # published is final
        services.submission_record_outcome(
            actor=users["county_admin"], submission=sub, status="returned", feedback="x"
        )


def test_declining_a_deed_needs_a_reason(users, deed):
    with pytest.raises(ValidationError):
        services.deed_decide(actor=users["county_publicity"], deed=deed, action="reject")
    services.deed_decide(actor=users["county_publicity"], deed=deed, action="reject", note="事迹不够具体")
    deed.refresh_from_db()
    assert deed.status == "rejected"


def test_nominated_deed_cannot_be_sent_upward_before_review(users, deed):
    with pytest.raises(ValidationError):
        services.submission_create(actor=users["county_publicity"], deed=deed, level="city_org")


def test_web_nominate_and_wrong_role(users, client_for):
    person = make_person("360732217203", "李良")
    ok = client_for("yuantang_secretary").post(
        "/publicity/deeds/new/", {"title": "t", "story": "s", "person_ids": [str(person.pk)]}
    )
    assert ok.status_code == 302
    assert (
        client_for("xgwest_duty").post("/publicity/deeds/new/", {"title": "t", "story": "s"}).status_code
        == 403
    )
    assert Deed.objects.count() == 1


def test_web_nominate_person_of_another_village_is_refused(users, client_for):
    other = make_person("360732217204", "塘石人")
    response = client_for("yuantang_secretary").post(
        "/publicity/deeds/new/", {"title": "t", "story": "s", "person_ids": [str(other.pk)]}
    )
    assert response.status_code == 422
    assert not Deed.objects.exists()


def test_web_deed_action_wrong_role_and_wrong_jurisdiction(users, client_for, deed):
    assert (
        client_for("yuantang_secretary")
        .post(f"/publicity/deeds/{deed.pk}/action/", {"action": "publish"})
        .status_code
        == 403
    )
    from django.test import Client

    from frontline.accounts.models import User

    editor = User.objects.create(username="gx_editor", division_id="360732104", roles=["publicity_editor"])
    c = Client()
    c.force_login(editor)
    assert c.post(f"/publicity/deeds/{deed.pk}/action/", {"action": "publish"}).status_code == 404
    deed.refresh_from_db()
    assert deed.status == "nominated"


def test_web_submission_new_and_outcome_wrong_role_and_jurisdiction(users, client_for, published_post):
    assert (
        client_for("gaoxing_admin")
        .post(
            "/publicity/submissions/new/",
            {"subject": "post", "subject_id": published_post.pk, "level": "city_org"},
        )
        .status_code
        == 403
    )
    ok = client_for("county_publicity").post(
        "/publicity/submissions/new/",
        {"subject": "post", "subject_id": published_post.pk, "level": "city_org"},
    )
    assert ok.status_code == 302
    sub = Submission.objects.get()
    from django.test import Client

    from frontline.accounts.models import User

    editor = User.objects.create(username="gx_editor", division_id="360732104", roles=["publicity_editor"])
    c = Client()
    c.force_login(editor)
    assert c.post(f"/publicity/submissions/{sub.pk}/outcome/", {"status": "accepted"}).status_code == 404
    assert (
        client_for("county_leader")
        .post(f"/publicity/submissions/{sub.pk}/outcome/", {"status": "accepted"})
        .status_code
        == 403
    )
    client_for("county_admin").post(
        f"/publicity/submissions/{sub.pk}/outcome/", {"status": "accepted", "feedback": "采用"}
    )
    sub.refresh_from_db()
    assert sub.status == "accepted"


def test_deed_and_submission_lists_have_pinned_query_counts(
    users, client_for, django_assert_max_num_queries, published_post
):
    for i in range(10):
        d = Deed.objects.create(
            division_code="360732",
            title=f"d{i}",
            story="s",
            status="reviewed",
            nominated_by=users["county_admin"],
            nominated_at="2020-02-18T10:00:00+08:00",
        )
        Submission.objects.create(
            division_code="360732",
            deed=d,
            level="city_org",
            sent_at="2020-02-18T10:00:00+08:00",
            sent_by=users["county_publicity"],
        )
    c = client_for("county_admin")
    with django_assert_max_num_queries(12):
        assert c.get("/publicity/deeds/").status_code == 200
    with django_assert_max_num_queries(12):
        assert c.get("/publicity/submissions/").status_code == 200
