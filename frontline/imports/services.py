"""Import jobs: upload (file stored under MEDIA_ROOT), preview (a dry run in the worker), confirm
(the real run in the worker), retry of a job whose worker died. Progress lives on the job row
(or, on SQLite during the one-pass import, beside it: imports.progress)."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core.policy import policy_for
from frontline.imports import progress as progress_side
from frontline.imports import reader
from frontline.imports.engine import ImportResult, run_import
from frontline.imports.models import ImportJob, Status
from frontline.imports.registry import get_kind
from frontline.imports.workbooks import write_errors

SHOWN_ERRORS = 200
STALE_AFTER = dt.timedelta(minutes=10)


def _kind_for(actor, key: str):
    kind = get_kind(key)
    if kind is None:
        raise ValidationError({"kind": _("Unknown import kind.")})
    policy_for(actor).require(kind.perm)
    reason = kind.available()
    if reason:
        raise ValidationError({"kind": reason})
    return kind


@transaction.atomic
def import_job_create(*, actor, kind: str, upload: UploadedFile) -> ImportJob:
    """Store the upload and queue its preview. Size is checked before anything is written."""
    _kind_for(actor, kind)
    limit = reader.limit("MAX_FILE_BYTES", reader.MAX_FILE_BYTES)
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _("The file is too large (the limit is %(limit)d MB).")
                % {"limit": limit // (1024 * 1024)}
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    policy = policy_for(actor)
    name = Path(upload.name or "upload").name[:150]
    job = ImportJob(kind=kind, actor=actor, division_code=policy.prefix, original_name=name, size=upload.size)
    suffix = (
        Path(name).suffix.lower()[:6]
        if Path(name).suffix.lower() in (".xlsx", ".xls", ".ods", ".csv", ".xlsm", ".xlsb")
        else ""
    )
    job.file.save(f"{uuid.uuid4().hex}{suffix}", upload, save=False)
    job.save()
    _enqueue(job)
    return job


def _enqueue(job: ImportJob) -> None:
    from frontline.imports.tasks import run_import_job

    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))


@transaction.atomic
def import_job_confirm(*, actor, job: ImportJob) -> ImportJob:
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.actor_id != actor.pk:
        raise PermissionDenied
    if job.status != Status.PREVIEWED:
        raise ValidationError(_("This import is not waiting for confirmation."))
    _kind_for(actor, job.kind)
    job.status, job.progress, job.message = Status.QUEUED, 0, ""
    job.save(update_fields=["status", "progress", "message"])
    _enqueue(job)
    return job


@transaction.atomic
def import_job_retry(*, actor, job: ImportJob) -> ImportJob:
    """Run again a job that failed or whose worker died (no heartbeat for STALE_AFTER). Nothing of a
    killed run was committed (the commit is one transaction), so running it again is safe."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if job.actor_id != actor.pk:
        raise PermissionDenied
    if not is_retryable(job):
        raise ValidationError(_("This import is still running or already finished."))
    job.status = (
        Status.QUEUED
        if job.status in (Status.RUNNING, Status.QUEUED, Status.FAILED)
        else Status.QUEUED_PREVIEW
    )
    job.progress, job.message = 0, ""
    job.save(update_fields=["status", "progress", "message"])
    _enqueue(job)
    return job


def is_retryable(job: ImportJob) -> bool:
    if job.status == Status.FAILED:
        return True
    stale = (job.heartbeat or job.created_at) < timezone.now() - STALE_AFTER
    return job.is_active and stale


def _claim(job_id: int) -> ImportJob | None:
    """Move a queued job to its running state; None if another worker has it or it is not queued."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            return None
        progress_side.overlay(job)  # a running SQLite import's heartbeat is in its side file
        if job.status == Status.QUEUED_PREVIEW:
            job.status = Status.PREVIEWING
        elif job.status == Status.QUEUED:
            job.status = Status.RUNNING
        elif not (job.is_active and is_retryable(job)):
            return None
        job.attempts += 1
        job.progress, job.heartbeat = 0, timezone.now()
        job.save(update_fields=["status", "attempts", "progress", "heartbeat"])
        return job


def _record(job: ImportJob, result: ImportResult) -> None:
    job.rows, job.created, job.updated, job.unchanged = (
        result.rows,
        result.created,
        result.updated,
        result.unchanged,
    )
    job.error_count = len(result.errors)
    job.errors = [e.as_dict() for e in result.errors[:SHOWN_ERRORS]]
    job.total = job.progress = max(job.total, job.progress)
    job.heartbeat = timezone.now()
    if result.bad_rows:
        tmp_name = f"{uuid.uuid4().hex}.xlsx"
        import tempfile

        with tempfile.NamedTemporaryFile(suffix=".xlsx") as tmp:
            write_errors(
                tmp.name,
                kind=get_kind(job.kind),
                headers=result.headers,
                bad_rows=result.bad_rows,
                actor=job.actor,
                export_id=f"imp{job.pk}",
            )
            if job.error_file:
                job.error_file.delete(save=False)
            job.error_file.save(tmp_name, ContentFile(Path(tmp.name).read_bytes()), save=False)


def import_job_run(job_id: int) -> str:
    """The worker's entry: preview (dry run) or commit, depending on the job's state."""
    job = _claim(job_id)
    if job is None:
        return "skipped"
    kind = get_kind(job.kind)
    dry_run = job.status == Status.PREVIEWING

    publish = progress_side.Publisher(job.pk)

    def progress(done: int, total: int) -> None:
        publish(done, total)
        job.progress, job.total = done, total

    def before_commit(result: ImportResult) -> None:
        # Inside the commit transaction: the data and "done" become visible together.
        _record(job, result)
        job.status, job.finished_at = Status.DONE, timezone.now()
        job.save()

    try:
        with publish:
            result = run_import(
                kind=kind,
                path=job.file.path,
                actor=job.actor,
                dry_run=dry_run,
                progress=progress,
                before_commit=before_commit,
                audit_detail={"job": job.pk, "file": job.original_name},
            )
    except reader.FileRefused as exc:
        job.status, job.message, job.finished_at = Status.REFUSED, str(exc), timezone.now()
        _discard_upload(job)
        job.save()
        return "refused"
    except PermissionDenied:
        job.status, job.message = Status.REFUSED, _("You may not import this kind of list.")
        job.save()
        return "refused"
    except Exception as exc:
        job.status, job.message = (
            Status.FAILED,
            _("The import failed: %(reason)s") % {"reason": type(exc).__name__},
        )
        job.save()
        raise
    if dry_run:
        _record(job, result)
        job.status = Status.PREVIEWED
        job.save()
    else:
        _discard_upload(job)
        job.save(update_fields=["file"])
    return job.status


def _discard_upload(job: ImportJob) -> None:
    """The uploaded file holds whole identifiers: once imported (or refused) it is deleted; only the
    refused rows stay, in the error workbook, for the importer to fix."""
    if job.file:
        job.file.delete(save=False)


@transaction.atomic
def import_errors_download_audit(*, actor, job: ImportJob, request=None) -> None:
    """The error workbook holds the refused rows as typed (identifiers included): its download is an
    audited export like any other."""
    audit_record(
        actor=actor,
        action="export",
        object_type="imports.errors",
        object_id=f"imp{job.pk}",
        division_code=job.division_code,
        count=job.error_count,
        request=request,
        detail={"title": "import errors", "rows": job.error_count, "kind": job.kind},
    )
