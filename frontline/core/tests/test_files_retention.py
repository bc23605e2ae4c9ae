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


def test_every_kind_of_stored_file_has_a_retention_rule(db):
    from frontline.core.files import file_fields
    from frontline.core.retention import rules_for_files

    fields = {(m._meta.label, f.name) for m, f in file_fields()}
    assert len(fields) >= 8  # imports (2), produce photos, evidence (2), deed photos, vouchers, attachments
    covered = rules_for_files()
    assert fields - set(covered) == set()
    assert all(str(rule.purpose) and rule.days > 0 for rule in covered.values())


def _aged(path, days):
    import os
    import time

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    then = time.time() - days * 86400
    os.utime(path, (then, then))
    return path


def test_orphan_files_older_than_a_day_are_swept_referenced_and_foreign_ones_stay(
    users, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    job = ImportJob(kind="members", actor=users["yuantang_secretary"], division_code="360732217203")
    job.file.save("roster.xlsx", ContentFile(b"PK fake"), save=True)
    referenced = _aged(tmp_path / job.file.name, 10)
    replaced = _aged(tmp_path / "community/produce/2020/02/old-photo.png", 3)
    fresh = _aged(tmp_path / "community/produce/2020/02/uploading.png", 0)
    foreign = _aged(tmp_path / "backups/frontline.sqlite3", 30)  # not an upload folder: not Frontline's

    out = io.StringIO()
    call_command("purge_expired", "--dry-run", stdout=out)
    assert "files: 1 unreferenced (dry run)" in out.getvalue() and replaced.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=io.StringIO())
    assert not replaced.exists() and referenced.exists() and fresh.exists() and foreign.exists()
    from frontline.audit.models import AuditEvent

    assert AuditEvent.objects.get(object_type="files.unreferenced").count == 1


def test_a_rolled_back_file_expiry_keeps_file_and_field(users, settings, tmp_path):
    from django.db import transaction

    from frontline.core.files import expire_files

    settings.MEDIA_ROOT = str(tmp_path)
    job = ImportJob(kind="members", actor=users["yuantang_secretary"], division_code="360732217203")
    job.error_file.save("errors.xlsx", ContentFile(b"PK errors"), save=True)
    path = tmp_path / job.error_file.name
    try:
        with transaction.atomic():
            assert expire_files(ImportJob.objects.all(), "error_file") == 1
            raise RuntimeError("abort")
    except RuntimeError:
        pass
    assert path.exists() and ImportJob.objects.get().error_file.name == job.error_file.name
