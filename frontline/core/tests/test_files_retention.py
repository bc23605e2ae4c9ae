import datetime as dt
import io

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from frontline.imports.models import ImportJob


def test_expired_import_uploads_and_error_workbooks_are_deleted_with_their_job(
    users, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.FRONTLINE_TODAY = "2020-03-31"
    job = ImportJob(
        kind="members",
        actor=users["yuantang_secretary"],
        division_code="360732217203",
        original_name="名单.xlsx",
    )
    job.file.save("roster.xlsx", ContentFile(b"PK fake"), save=False)
    job.error_file.save("errors.xlsx", ContentFile(b"PK errors"), save=False)
    job.save()
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.make_aware(dt.datetime(2020, 2, 1, 9)))
    paths = [tmp_path / job.file.name, tmp_path / job.error_file.name]
    assert all(p.exists() for p in paths)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=io.StringIO())
    assert not ImportJob.objects.exists()
    assert not any(p.exists() for p in paths)


def test_a_rolled_back_delete_keeps_the_file(users, settings, tmp_path):
    from django.db import transaction

    settings.MEDIA_ROOT = str(tmp_path)
    job = ImportJob(
        kind="members",
        actor=users["yuantang_secretary"],
        division_code="360732217203",
        original_name="名单.xlsx",
    )
    job.file.save("roster.xlsx", ContentFile(b"PK fake"), save=True)
    path, pk = tmp_path / job.file.name, job.pk
    try:
        with transaction.atomic():
            job.delete()
            raise RuntimeError("abort")
    except RuntimeError:
        pass
    assert path.exists() and ImportJob.objects.filter(pk=pk).exists()
