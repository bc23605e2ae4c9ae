"""Attachments of posts never published go after 90 days; of published posts after three years."""

import datetime as dt
import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from frontline.publicity.models import ColumnPost, PostAttachment


def _attach(post, uploaded: dt.date, name: str):
    a = PostAttachment(
        post=post,
        division_code=post.division_code,
        original_name=name,
        kind="image",
        content_type="image/jpeg",
        size=4,
        uploaded_by=post.author,
    )
    a.file.save("photo.jpg", ContentFile(b"jpeg"), save=True)
    PostAttachment.objects.filter(pk=a.pk).update(
        uploaded_at=timezone.make_aware(dt.datetime.combine(uploaded, dt.time(10)))
    )
    return a


def test_attachments_expire_by_whether_their_post_was_published(
    users, published_post, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    draft = ColumnPost.objects.create(
        division_code="360732", title="草稿", body="…", status="draft", author=users["county_publicity"]
    )
    attachments = [
        _attach(draft, dt.date(2020, 2, 10), "draft-old"),
        _attach(draft, dt.date(2020, 5, 1), "draft-recent"),
        _attach(published_post, dt.date(2020, 2, 10), "published"),
    ]
    paths = {a.original_name: Path(tmp_path, a.file.name) for a in attachments}
    settings.FRONTLINE_TODAY = "2020-06-01"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=io.StringIO())
    assert set(PostAttachment.objects.values_list("original_name", flat=True)) == {
        "draft-recent",
        "published",
    }
    assert not paths["draft-old"].exists() and paths["published"].exists()
    settings.FRONTLINE_TODAY = "2023-03-01"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=io.StringIO())
    assert not PostAttachment.objects.exists() and not any(p.exists() for p in paths.values())
    assert ColumnPost.objects.count() == 2  # the posts themselves stay
