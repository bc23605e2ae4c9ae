"""Writes to the division tree."""

import csv
import io
from pathlib import Path

from django.db import transaction

from frontline.audit.services import audit_record
from frontline.regions.models import Division, level_of, parent_code


class DivisionFileError(ValueError):
    pass


@transaction.atomic
def divisions_load_csv(*, actor, source: Path | str | io.TextIOBase) -> dict:
    """Create or update divisions from a CSV with columns code,name[,kind]. Parents must precede children
    or already exist. Returns counts. One audit event for the whole batch."""
    text = Path(source).read_text(encoding="utf-8-sig") if isinstance(source, str | Path) else source.read()
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or "code" not in rows[0] or "name" not in rows[0]:
        raise DivisionFileError("CSV must have the columns code,name[,kind]")
    existing = {d.code: d for d in Division.objects.all()}
    names = {code: d.name for code, d in existing.items()}
    full = {code: d.full_name for code, d in existing.items()}
    to_create, to_update = [], []
    for lineno, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        name = (row.get("name") or "").strip()
        kind = (row.get("kind") or "").strip()
        try:
            level = level_of(code)
        except Exception as exc:
            raise DivisionFileError(f"line {lineno}: bad code {code!r}") from exc
        if not name:
            raise DivisionFileError(f"line {lineno}: empty name")
        parent = parent_code(code)
        if parent is not None and parent not in names and level not in ("county",):
            raise DivisionFileError(f"line {lineno}: parent {parent} of {code} is not loaded")
        parent_id = parent if parent in names else None
        full_name = f"{full.get(parent_id, '')} {name}".strip() if parent_id else name
        names[code], full[code] = name, full_name
        if code in existing:
            d = existing[code]
            if (d.name, d.kind, d.full_name, d.parent_id) != (name, kind, full_name, parent_id):
                d.name, d.kind, d.full_name, d.parent_id = name, kind, full_name, parent_id
                to_update.append(d)
        else:
            d = Division(
                code=code, name=name, level=level, parent_id=parent_id, kind=kind, full_name=full_name
            )
            existing[code] = d
            to_create.append(d)
    Division.objects.bulk_create(to_create, batch_size=1000)
    Division.objects.bulk_update(to_update, ["name", "kind", "full_name", "parent"], batch_size=1000)
    audit_record(
        actor=actor,
        action="bulk_upsert",
        object_type="regions.division",
        division_code=min((r["code"] for r in rows), key=len),
        count=len(to_create) + len(to_update),
        detail={"created": len(to_create), "updated": len(to_update)},
    )
    return {"rows": len(rows), "created": len(to_create), "updated": len(to_update)}
