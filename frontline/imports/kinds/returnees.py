"""Returnee screening lists (返乡人员摸排表): the big-data push lists and the village lists summed up
by townships. The file side is complete here; the commit belongs to the quarantine app's bulk
screening service, called through commit_returnees() below.

Adapter contract (for frontline.quarantine): RETURNEE_SERVICE names a function
    returnee_bulk_screen(*, actor, rows: list[dict], dry_run: bool) -> {created, updated, unchanged,
                                                                        ids, errors}
called inside the engine's transaction (which writes the one audit event and rolls back dry runs).
Each row dict: _row (spreadsheet row number, for errors [(row, message)]), name (str), id_number
(people.identifiers.IdNumber: .value/.birth_date/.gender), mobile (11 digits or None), division_code
(deepest division named, inside the actor's jurisdiction), address, origin (where from), returned_on
(date), transport, trip (train/flight/plate), via_hubei (bool|None), temperature (Decimal|None),
symptoms (bool|None), note. Dedup inside the file is on (ID, returned_on); across imports the service
must dedup on people.protection.id_hash(id_number.value) + returned_on so a re-import changes nothing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frontline.imports import parsers
from frontline.imports.kinds.adapter import WholeCommit, call_service, find_service
from frontline.imports.kinds.common import ID_NUMBER, MOBILE, NAME, TOWNSHIP, VILLAGE, place
from frontline.imports.registry import CommitResult, ImportColumn, ImportKind, register

RETURNEE_SERVICE = "frontline.quarantine.services.importing.returnee_import_rows"


def _date(v, c):
    return parsers.date(v, today=c.today)


COLUMNS = (
    NAME,
    ID_NUMBER,
    MOBILE,
    TOWNSHIP,
    VILLAGE,
    ImportColumn(
        "address",
        gettext_lazy("Address"),
        ("详细住址", "家庭住址", "现住址", "住址", "村民小组", "组别"),
        width=20,
        example="园塘村上屋组",
    ),
    ImportColumn(
        "origin",
        gettext_lazy("Returned from"),
        (
            "从何地返回",
            "从何地返乡",
            "返乡来源地",
            "来源地",
            "出发地",
            "从何地来",
            "返回地",
            "外出地点",
            "务工地",
        ),
        required=True,
        header_required=True,
        width=16,
        example="湖北武汉",
    ),
    ImportColumn(
        "returned_on",
        gettext_lazy("Date returned"),
        (
            "返乡时间",
            "返乡日期",
            "返回时间",
            "返回日期",
            "到家时间",
            "抵达时间",
            "返兴时间",
            "返乡时间(年月日)",
        ),
        _date,
        required=True,
        header_required=True,
        width=12,
        is_date=True,
        example="2020-01-28",
    ),
    ImportColumn(
        "transport",
        gettext_lazy("Transport"),
        ("交通方式", "交通工具", "返乡方式", "出行方式"),
        width=10,
        example="自驾",
    ),
    ImportColumn(
        "trip",
        gettext_lazy("Train, flight or plate"),
        ("车次", "航班", "车次/航班", "车牌号", "车次航班车牌", "车次或车牌"),
        width=14,
        example="赣B12345",
    ),
    ImportColumn(
        "via_hubei",
        gettext_lazy("Been to Hubei"),
        ("是否去过湖北", "是否途经湖北", "是否去过武汉", "是否经过武汉", "途经湖北"),
        lambda v, c: parsers.yes_no(v),
        width=10,
        example="否",
    ),
    ImportColumn(
        "temperature",
        gettext_lazy("Temperature"),
        ("体温", "体温(℃)", "体温℃", "测量体温"),
        lambda v, c: parsers.temperature(v),
        width=8,
        example="36.5",
    ),
    ImportColumn(
        "symptoms",
        gettext_lazy("Fever or cough"),
        ("是否有发热咳嗽症状", "有无发热咳嗽", "是否发热", "有无症状", "症状"),
        lambda v, c: parsers.yes_no(v),
        width=10,
        example="否",
    ),
    ImportColumn("note", gettext_lazy("Note"), ("备注", "说明"), width=20),
)


def validate(row: dict, ctx) -> dict:
    row["division_code"] = place(row, ctx)
    if row["returned_on"] > ctx.today:
        raise ValidationError({"returned_on": _("The date returned is in the future.")})
    if row["returned_on"] < row["id_number"].birth_date:
        raise ValidationError({"returned_on": _("The date returned is before the birth date.")})
    return row


def dedup_key(row: dict):
    return (row["id_number"].value, row["returned_on"])


def available() -> str | None:
    if find_service(RETURNEE_SERVICE) is None:
        return _("This kind needs the returnee screening module, which is not installed yet.")
    return None


def commit_returnees(rows: list[dict], actor, dry_run: bool) -> CommitResult:
    """The adapter: hands the validated rows to the quarantine app's bulk screening service."""
    return call_service(RETURNEE_SERVICE, rows, actor, dry_run)


def returnee_committer(*, actor, dry_run: bool):
    """The commit in halves for the engine's one-pass pipeline: the service's own (`service.committer`,
    a class taking actor and dry_run, with stage(rows) and write(staged)) when it offers one, else the
    whole service call made by the writer thread."""
    service = find_service(RETURNEE_SERVICE)
    halves = getattr(service, "committer", None)
    if halves is not None:
        return halves(actor=actor, dry_run=dry_run)
    return WholeCommit(lambda rows: call_service(RETURNEE_SERVICE, rows, actor, dry_run))


RETURNEES = register(
    ImportKind(
        key="returnees",
        label=gettext_lazy("Returnees"),
        perm="imports.returnees",
        title=gettext_lazy("Returnee screening list"),
        columns=COLUMNS,
        validate=validate,
        commit=commit_returnees,
        committer=returnee_committer,
        tables=("people.Person", "quarantine.Returnee"),
        dedup_key=dedup_key,
        available=available,
        notes=(
            gettext_lazy(
                "One row per person returning home. The ID number column must be formatted as Text."
            ),
            gettext_lazy(
                "Dates as 2020-01-28 or 2020年1月28日; a date without a year is taken in the current season."
            ),
            gettext_lazy(
                "Township and village: the row is filed under the deepest one named, within your jurisdiction."
            ),
        ),
    )
)
