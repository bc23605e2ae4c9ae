"""Files belong to their row: when a Frontline row with file fields is deleted (by a user, a service or
retention purging), its stored files are deleted too, once the transaction commits (a rolled-back
delete keeps them). Uploaded spreadsheets, photos and evidence hold personal data and must not
outlive the record that justified keeping them.

Retention may also expire a file before its row (a rule with `file_field`, see core/retention.py):
`expire_files` clears the field and deletes the file on commit. Files that no row references any
more (a replaced photo, an upload whose row was never saved, a crash between the two) are swept by
`sweep_orphans` once they are older than a day; both run in `manage.py purge_expired`.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import uuid
from pathlib import Path

from django.db import transaction
from django.db.models import FileField
from django.db.models.signals import post_delete

ORPHAN_GRACE = dt.timedelta(days=1)  # an upload may sit on disk a moment before its row commits


def stored_name(upload) -> str:
    """A random name keeping the upload's extension: the uploader's file name (often a person's name,
    sometimes an ID number) is never written to disk, backups or download headers."""
    ext = Path(getattr(upload, "name", "") or "").suffix.lower().lstrip(".")
    return f"{uuid.uuid4().hex}.{ext if ext.isalnum() and len(ext) <= 5 else 'bin'}"


def serve_file(field, *, filename: str = "", content_type: str | None = None, attachment: bool = True):
    """The response for a stored file a view has fetched through the policy: 404 when the field is
    empty or its file is gone (expired by retention, lost with a disk), never sniffed into another
    type by the browser, sent under `filename` (default: the stored, random name)."""
    from django.http import FileResponse, Http404

    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = filename or field.name.rsplit("/", 1)[-1]
    if content_type:
        response = FileResponse(handle, as_attachment=attachment, filename=name, content_type=content_type)
    else:
        response = FileResponse(handle, as_attachment=attachment, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def delete_on_commit(storage, name: str) -> None:
    """Delete a stored file once the current transaction commits (at once outside one)."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _delete_files(sender, instance, **kwargs):
    for field in sender._meta.get_fields():
        if isinstance(field, FileField):
            stored = getattr(instance, field.name, None)
            if stored and stored.name:
                delete_on_commit(stored.storage, stored.name)


def file_fields():
    """(model, field) for every file field of every installed model."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and not field.auto_created:
                yield model, field


def connect() -> None:
    from django.apps import apps
    from django.conf import settings

    for app in settings.FRONTLINE_APPS:
        config = apps.get_app_config(app.rsplit(".", 1)[-1])
        for model in config.get_models():
            if any(isinstance(f, FileField) for f in model._meta.get_fields()):
                post_delete.connect(
                    _delete_files, sender=model, dispatch_uid=f"frontline-files-{model._meta.label}"
                )


def expire_files(qs, field_name: str) -> int:
    """Delete the files of field `field_name` of the rows of `qs` (on commit) and clear the field;
    the rows stay. Returns the number of files."""
    field = qs.model._meta.get_field(field_name)
    rows = list(
        qs.exclude(**{field_name: ""})
        .exclude(**{f"{field_name}__isnull": True})
        .values_list("pk", field_name)
    )
    if not rows:
        return 0
    qs.model._default_manager.filter(pk__in=[pk for pk, _name in rows]).update(**{field_name: ""})
    for _pk, name in rows:
        delete_on_commit(field.storage, name)
    return len(rows)


def referenced_names() -> set[str]:
    """Every stored file name some row still references."""
    names: set[str] = set()
    for model, field in file_fields():
        qs = model._default_manager.exclude(**{field.name: ""}).exclude(**{f"{field.name}__isnull": True})
        names.update(qs.values_list(field.name, flat=True).iterator(chunk_size=5000))
    return names


def orphans(now: float | None = None) -> list[Path]:
    """Files under MEDIA_ROOT that no row references and that are older than ORPHAN_GRACE (by the
    file's own time: the demo clock does not apply to disks)."""
    from django.conf import settings

    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    cutoff = (now if now is not None else time.time()) - ORPHAN_GRACE.total_seconds()
    referenced = referenced_names()
    found = []
    for top in upload_roots():
        found += _walk(root, root / top, referenced, cutoff)
    return sorted(found)


def upload_roots() -> set[str]:
    """The top folders file fields upload to ("community", "imports"…): only those are swept, so that
    a MEDIA_ROOT shared with anything else never loses a file that is not Frontline's."""
    roots = set()
    for _model, field in file_fields():
        upload_to = field.upload_to if isinstance(field.upload_to, str) else ""
        top = upload_to.strip("/").split("/", 1)[0]
        if top and "%" not in top:
            roots.add(top)
    return roots


def _walk(root: Path, top: Path, referenced: set[str], cutoff: float) -> list[Path]:
    found = []
    for dirpath, _dirnames, filenames in os.walk(top):
        for filename in filenames:
            path = Path(dirpath) / filename
            name = path.relative_to(root).as_posix()
            try:
                old = path.stat().st_mtime < cutoff
            except FileNotFoundError:
                continue
            if old and name not in referenced:
                found.append(path)
    return found


def sweep_orphans(*, dry_run: bool = False, now: float | None = None) -> int:
    """Delete orphan files (see `orphans`) and the directories they leave empty. Returns how many."""
    from django.conf import settings

    found = orphans(now)
    if dry_run:
        return len(found)
    root = Path(settings.MEDIA_ROOT)
    for path in found:
        path.unlink(missing_ok=True)
        parent = path.parent
        while parent != root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    return len(found)
