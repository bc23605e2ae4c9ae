"""Checkpoint registrations typed from the paper sheets kept at the 卡口 (one row per person in a
vehicle). The file side is complete here; the commit belongs to the checkpoints app.

Adapter contract (for frontline.checkpoints): REGISTRATION_SERVICE names a function
    registration_bulk_create(*, actor, rows: list[dict], dry_run: bool) -> {created, updated,
                                                                           unchanged, ids, errors}
called inside the engine's transaction (one audit event written by the engine; dry runs rolled back).
Each row dict: _row, checkpoint (name as written; the service resolves it among the actor's
checkpoints and answers errors [(row, "没有名为…的卡口")] otherwise), at (naive local datetime),
plate (normalized, e.g. 赣B12345, or None for pedestrians), name, id_number (IdNumber or None),
mobile (or None; one of ID/mobile is always present), temperature (Decimal), origin, destination,
note. The service must dedup on (checkpoint, at, id_hash or phone_hash) so a re-import changes nothing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from frontline.imports import parsers
from frontline.imports.kinds.adapter import call_service, find_service
from frontline.imports.kinds.common import ID_NUMBER, MOBILE, NAME
from frontline.imports.registry import CommitResult, ImportColumn, ImportKind, register

REGISTRATION_SERVICE = "frontline.checkpoints.registration.registration_bulk_create"

COLUMNS = (
    ImportColumn(
        "checkpoint",
        gettext_lazy("Checkpoint"),
        ("卡口", "卡口名称", "哨卡", "检查点", "卡点", "值守点"),
        required=True,
        header_required=True,
        width=18,
        example="泉南高速兴国西出口",
    ),
    ImportColumn(
        "at",
        gettext_lazy("Time registered"),
        ("登记时间", "检查时间", "时间", "日期", "登记日期", "通过时间"),
        lambda v, c: parsers.moment(v, today=c.today),
        required=True,
        header_required=True,
        width=16,
        is_date=True,
        example="2020-01-28 14:30",
    ),
    ImportColumn(
        "plate",
        gettext_lazy("Plate"),
        ("车牌号", "车牌", "车牌号码", "车辆号牌"),
        lambda v, c: parsers.plate(v),
        width=11,
        example="赣B12345",
    ),
    NAME,
    ImportColumn(**{**ID_NUMBER.__dict__, "required": False, "header_required": False}),
    MOBILE,
    ImportColumn(
        "temperature",
        gettext_lazy("Temperature"),
        ("体温", "体温(℃)", "体温℃", "测量体温"),
        lambda v, c: parsers.temperature(v),
        required=True,
        header_required=True,
        width=8,
        example="36.5",
    ),
    ImportColumn(
        "origin",
        pgettext_lazy("travel", "From"),
        ("出发地", "从何处来", "来自", "始发地", "来源地"),
        width=14,
        example="广东深圳",
    ),
    ImportColumn(
        "destination",
        pgettext_lazy("travel", "To"),
        ("目的地", "到何处去", "去往", "去向"),
        width=14,
        example="长冈乡园塘村",
    ),
    ImportColumn("note", gettext_lazy("Note"), ("备注", "处置情况"), width=16),
)


def validate(row: dict, ctx) -> dict:
    if not row.get("id_number") and not row.get("mobile"):
        raise ValidationError({"id_number": _("Fill in the ID number or the mobile number.")})
    if row["at"].date() > ctx.today:
        raise ValidationError({"at": _("The time registered is in the future.")})
    return row


def dedup_key(row: dict):
    who = row["id_number"].value if row.get("id_number") else row["mobile"]
    return (row["checkpoint"], row["at"], who)


def available() -> str | None:
    if find_service(REGISTRATION_SERVICE) is None:
        return _("This kind needs the checkpoint module, which is not installed yet.")
    return None


def commit_registrations(rows: list[dict], actor, dry_run: bool) -> CommitResult:
    """The adapter: hands the validated rows to the checkpoints app's bulk registration service."""
    return call_service(REGISTRATION_SERVICE, rows, actor, dry_run)


REGISTRATIONS = register(
    ImportKind(
        key="registrations",
        label=gettext_lazy("Checkpoint registrations"),
        perm="imports.registrations",
        title=gettext_lazy("Checkpoint registration sheet"),
        columns=COLUMNS,
        validate=validate,
        commit=commit_registrations,
        dedup_key=dedup_key,
        available=available,
        notes=(
            gettext_lazy("One row per person checked at the checkpoint, typed from the paper sheet."),
            gettext_lazy("Fill in the ID number or the mobile number of each person."),
        ),
    )
)
