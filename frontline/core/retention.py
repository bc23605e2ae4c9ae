"""Retention of personal data: every kind of personal record has a purpose and a retention period.

Each app declares its rules in `retention.py` (autodiscovered):

    register(RetentionRule(
        key="checkpoints.registration", model=Registration, date_field="registered_at", days=180,
        purpose=_("Tracing contacts of people who passed a checkpoint during the epidemic"),
    ))

`manage.py purge_expired` deletes, for every rule, the rows whose date is older than `days` before
today (cascading to their dependent rows: occupants, check-ins, status history…), after keeping
anonymous counts of what it deletes (PurgedCount: rule, division, day, count) so that historical
figures stay known, and writes one audit event per rule with counts and no identifiers. Then it
deletes people that nothing references any more (no membership, cadre post, account or record of
any module) and that were not touched for FRONTLINE_PERSON_RETENTION_DAYS.

Stored files (photos, evidence, scans, uploads) hold personal data too. Each kind has a rule: either
its row's rule (the file is deleted with the row, core/files.py), or a rule with `file_field` when
the file must go before its row (an evidence photo of a rectification kept a year, the rectification
kept with the supervision record): then the file is deleted and the field cleared, the row stays.
`tests`/core: every file field is covered by a rule. Last, files on disk that no row references are
swept once older than a day (core/files.py `sweep_orphans`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class RetentionRule:
    key: str
    model: type
    date_field: str
    days: int
    purpose: object
    q: Q | None = None  # only rows matching (e.g. released quarantines)
    division_field: str = "division_code"
    order: int = 100  # rules run in this order: rows that PROTECT-reference others go first
    file_field: str = ""  # set: only this file expires (deleted, field cleared); the row stays

    @property
    def kind(self) -> str:
        return "file" if self.file_field else "row"

    def expired(self, today: dt.date):
        cutoff = today - dt.timedelta(days=self.days)
        field = self.model._meta.get_field(self.date_field)
        if field.get_internal_type() == "DateTimeField":
            bound = dt.datetime.combine(cutoff, dt.time.min, tzinfo=timezone.get_current_timezone())
        else:
            bound = cutoff
        qs = self.model._default_manager.filter(**{f"{self.date_field}__lt": bound})
        if self.file_field:
            qs = qs.exclude(**{self.file_field: ""}).exclude(**{f"{self.file_field}__isnull": True})
        return qs.filter(self.q) if self.q is not None else qs

    def tally(self, qs) -> list[tuple[str, dt.date, int]]:
        field = self.model._meta.get_field(self.date_field)
        day = (
            TruncDate(self.date_field, tzinfo=timezone.get_current_timezone())
            if field.get_internal_type() == "DateTimeField"
            else F(self.date_field)
        )
        rows = qs.annotate(_day=day).values(self.division_field, "_day").annotate(_n=Count("pk"))
        return [(r[self.division_field], r["_day"], r["_n"]) for r in rows]


_RULES: dict[str, RetentionRule] = {}
_discovered = False


def register(*rules: RetentionRule) -> None:
    for rule in rules:
        if rule.key in _RULES:
            raise ValueError(f"retention rule {rule.key!r} registered twice")
        _RULES[rule.key] = rule


def all_rules() -> list[RetentionRule]:
    global _discovered
    if not _discovered:
        autodiscover_modules("retention")
        _discovered = True
    return sorted(_RULES.values(), key=lambda r: (r.order, r.key))


def rules_for_files() -> dict[tuple[str, str], RetentionRule]:
    """(model label, file field) → the rule that expires those files: a file rule on that field, or
    else a row rule on that model."""
    from frontline.core.files import file_fields

    covered = {}
    rules = all_rules()
    for model, field in file_fields():
        label = model._meta.label
        for rule in rules:
            mine = rule.model is model and rule.file_field in ("", field.name)
            if mine and (rule.file_field or (label, field.name) not in covered):
                covered[(label, field.name)] = rule
    return covered


def unreferenced_people(qs):
    """People no other row points at (memberships, cadre posts, accounts, any module's records)."""
    from frontline.people.models import Person

    for rel in Person._meta.related_objects:  # FKs, one-to-ones and many-to-manys pointing at Person
        related = rel.related_model
        field = rel.field.name
        qs = qs.filter(~Exists(related._default_manager.filter(**{field: OuterRef("pk")})))
    return qs
