import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from frontline.audit.models import AuditEvent
from frontline.publicity import services
from frontline.publicity.models import ColumnPost

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def draft(users):
    return services.post_create(actor=users["county_publicity"], title="专栏稿", body="正文")


def test_post_goes_draft_review_published_by_a_second_person(users, draft):
    services.post_submit(actor=users["county_publicity"], post=draft)
    post = services.post_publish(actor=users["county_admin"], post=draft, publish_date=dt.date(2020, 2, 18))
    assert post.status == "published"
    assert post.editor == users["county_admin"]
    assert post.publish_date == dt.date(2020, 2, 18)
    assert AuditEvent.objects.filter(object_type="publicity.columnpost", action="publish").count() == 1


def test_author_cannot_publish_own_post(users, draft):
    services.post_submit(actor=users["county_publicity"], post=draft)
    with pytest.raises(PermissionDenied):
        services.post_publish(actor=users["county_publicity"], post=draft)


def test_county_admin_may_publish_own_post(users):
    post = services.post_create(actor=users["county_admin"], title="t", body="b")
    services.post_submit(actor=users["county_admin"], post=post)
    assert services.post_publish(actor=users["county_admin"], post=post).status == "published"


def test_rejected_post_returns_to_draft_with_note(users, draft):
    services.post_submit(actor=users["county_publicity"], post=draft)
    post = services.post_reject(actor=users["county_admin"], post=draft, note="补充现场照片")
    assert post.status == "draft"
    assert post.review_note == "补充现场照片"
    with pytest.raises(ValidationError):
        services.post_reject(actor=users["county_admin"], post=post, note="again")


def test_publish_date_cannot_be_in_the_future(users, draft):
    services.post_submit(actor=users["county_publicity"], post=draft)
    with pytest.raises(ValidationError):
        services.post_publish(actor=users["county_admin"], post=draft, publish_date=dt.date(2020, 2, 20))


def test_published_post_cannot_be_edited(users, draft):
    services.post_submit(actor=users["county_publicity"], post=draft)
    services.post_publish(actor=users["county_admin"], post=draft)
    with pytest.raises(ValidationError):
        services.post_update(actor=users["county_publicity"], post=draft, title="x", body="y")


def test_wrong_role_cannot_create_post(client_for):
    response = client_for("yuantang_secretary").post("/publicity/posts/new/", {"title": "t", "body": "b"})
    assert response.status_code == 403
    assert not ColumnPost.objects.exists()


def test_wrong_jurisdiction_cannot_act_on_a_post(users, client_for):
    post = ColumnPost.objects.create(
        division_code="360732104",
        title="高兴镇稿",
        body="b",
        author=users["gaoxing_admin"],
        status="in_review",
    )
    # Township admins do not write the column; a county editor can. A township post in review is
    # invisible to another township's user (404 like missing).
    response = client_for("junchun_admin").post(f"/publicity/posts/{post.pk}/action/", {"action": "publish"})
    assert response.status_code == 403
    with pytest.raises(Exception) as exc:
        services.post_publish(actor=users["junchun_admin"], post=post)
    assert exc.type in (PermissionDenied,)


def test_editor_outside_jurisdiction_gets_404(users, client_for, settings):
    from frontline.accounts.models import User

    editor = User.objects.create(username="gx_editor", division_id="360732104", roles=["publicity_editor"])
    post = ColumnPost.objects.create(
        division_code="360732209", title="均村稿", body="b", author=users["junchun_admin"], status="in_review"
    )
    from django.test import Client

    c = Client()
    c.force_login(editor)
    assert c.post(f"/publicity/posts/{post.pk}/action/", {"action": "publish"}).status_code == 404
    assert c.get(f"/publicity/posts/{post.pk}/").status_code == 404
    post.refresh_from_db()
    assert post.status == "in_review"


def test_web_workflow_create_submit_publish(client_for):
    editor = client_for("county_publicity")
    response = editor.post("/publicity/posts/new/", {"title": "二月十九日专栏", "body": "正文"})
    post = ColumnPost.objects.get()
    assert response.status_code == 302
    editor.post(f"/publicity/posts/{post.pk}/action/", {"action": "submit"})
    editor.post(f"/publicity/posts/{post.pk}/action/", {"action": "publish"})
    post.refresh_from_db()
    assert post.status == "in_review"  # the author's own publish was refused
    client_for("county_admin").post(
        f"/publicity/posts/{post.pk}/action/", {"action": "publish", "publish_date": "2020-02-19"}
    )
    post.refresh_from_db()
    assert post.status == "published" and post.publish_date == dt.date(2020, 2, 19)


def test_empty_title_gets_a_clear_message(client_for):
    response = client_for("county_publicity").post("/publicity/posts/new/", {"title": " ", "body": "b"})
    assert response.status_code == 422
    assert "必填" in response.content.decode() or "required" in response.content.decode()


def test_image_attachment_is_stored_and_served(users, draft, client_for):
    upload = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    att = services.attachment_add(actor=users["county_publicity"], post=draft, upload=upload)
    assert att.kind == "image" and att.size == len(PNG)
    assert "现场" not in att.file.name  # stored under a neutral name
    response = client_for("county_admin").get(f"/publicity/posts/{draft.pk}/files/{att.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG


def test_attachment_with_wrong_content_is_refused(users, draft):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.attachment_add(actor=users["county_publicity"], post=draft, upload=fake)
    assert "file" in exc.value.message_dict


def test_attachment_of_unknown_type_or_too_large_is_refused(users, draft, monkeypatch):
    exe = SimpleUploadedFile("run.exe", b"MZ" + b"\x00" * 10)
    with pytest.raises(ValidationError):
        services.attachment_add(actor=users["county_publicity"], post=draft, upload=exe)
    monkeypatch.setattr(services, "MAX_ATTACHMENT_BYTES", 10)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"\x00" * 20)
    with pytest.raises(ValidationError):
        services.attachment_add(actor=users["county_publicity"], post=draft, upload=big)


def test_upload_page_shows_the_refusal(users, draft, client_for):
    c = client_for("county_publicity")
    response = c.post(
        f"/publicity/posts/{draft.pk}/attach/", {"file": SimpleUploadedFile("a.pdf", b"nope")}, follow=True
    )
    assert response.status_code == 200
    assert not draft.attachments.exists()


def test_calendar_shows_a_gap_day(users, client_for):
    for day in (16, 17, 19):
        ColumnPost.objects.create(
            division_code="360732",
            title=f"{day}日",
            body="b",
            status="published",
            author=users["county_publicity"],
            publish_date=dt.date(2020, 2, day),
        )
    response = client_for("county_leader").get("/publicity/calendar/?month=2020-02")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="gap" data-day="2020-02-18"' in html
    assert 'class="updated" data-day="2020-02-19"' in html
    assert 'class="future" data-day="2020-02-20"' in html
    gaps = response.context["gap_days"]
    assert dt.date(2020, 2, 18) in gaps and dt.date(2020, 2, 19) not in gaps


def test_calendar_of_another_division_is_404(client_for):
    assert (
        client_for("yuantang_secretary").get("/publicity/calendar/?division=360732217204").status_code == 404
    )


def test_village_reads_the_county_column_but_not_its_drafts(users, client_for, published_post):
    draft = services.post_create(actor=users["county_publicity"], title="草稿", body="b")
    c = client_for("yuantang_secretary")
    assert c.get(f"/publicity/posts/{published_post.pk}/").status_code == 200
    assert c.get(f"/publicity/posts/{draft.pk}/").status_code == 404


def test_post_list_query_count_is_pinned(users, client_for, django_assert_max_num_queries):
    for i in range(15):
        ColumnPost.objects.create(
            division_code="360732",
            title=f"稿{i}",
            body="b",
            status="published",
            author=users["county_publicity"],
            editor=users["county_admin"],
            publish_date=dt.date(2020, 2, 1 + i),
        )
    c = client_for("county_leader")
    with django_assert_max_num_queries(12):
        assert c.get("/publicity/").status_code == 200
