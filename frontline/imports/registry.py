"""The import kinds. Each kind says which columns its template has (Chinese headers and the variants
cadres really type), how each cell is parsed, how a row is validated as a whole, what makes two rows
the same, and how valid rows are committed in bulk.

Kinds whose domain app is not installed yet stay registered but unavailable: `available()` answers
the reason (e.g. "该类型需要返乡人员模块"), and the engine refuses the file with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class ImportColumn:
    key: str
    header: Promise | str  # the template's header (translated: Chinese by default)
    aliases: tuple[str, ...] = ()  # other headers meaning the same (Chinese, as cadres type them)
    parser: Callable | None = None  # parser(value, ctx) → clean value; None: clean text
    required: bool = False  # the row is refused if the cell is blank
    header_required: bool = False  # the file is refused if no such column is found
    width: int = 14
    is_text: bool = False  # template formats the column as Text (identifiers)
    is_date: bool = False
    example: str = ""


@dataclass
class CommitResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list = field(default_factory=list)
    # Row-level refusals discovered while committing (row number → message), e.g. a conflict.
    errors: list = field(default_factory=list)


@dataclass
class Context:
    """What parsers and validators may use: the actor, their policy, the business day, the division
    resolver (township/village names → codes in the actor's jurisdiction)."""

    actor: object
    policy: object
    today: dt.date
    resolver: object


@dataclass(frozen=True)
class ImportKind:
    key: str  # "members" (the CLI's KIND)
    label: Promise | str
    perm: str  # the permission an importer needs
    columns: tuple[ImportColumn, ...]
    # validate(row: dict, ctx) → dict; raises ValidationError (dict keyed by column key, or a message)
    validate: Callable
    # commit(rows: list[dict], actor, dry_run) → CommitResult; inside the engine's transaction
    commit: Callable
    # dedup_key(row) → hashable: two rows of one file with the same key are duplicates
    dedup_key: Callable
    # Optional, the commit in halves for the engine's one-pass pipeline: committer(actor=, dry_run=)
    # → an object (made inside the engine's transaction, may query) with stage(rows) → staged (pure
    # Python: it runs while another thread uses the connection) and write(staged) → CommitResult or
    # dict like commit's (the database; called in order, in a writer thread). None: commit is used.
    committer: Callable | None = None
    # Models ("app.Model") a large import of this kind fills: their planner statistics are refreshed
    # after it on PostgreSQL (see engine.refresh_statistics).
    tables: tuple[str, ...] = ()
    title: Promise | str = ""  # template title row, e.g. 返乡人员摸排表
    available: Callable[[], str | None] = lambda: None  # None when usable, else the refusal
    notes: tuple = ()  # lines of the template's instructions sheet

    def column(self, key: str) -> ImportColumn:
        return next(c for c in self.columns if c.key == key)


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    _KINDS[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    _KINDS.pop(key, None)


def get_kind(key: str) -> ImportKind | None:
    _load()
    return _KINDS.get(key)


def all_kinds() -> list[ImportKind]:
    _load()
    order = ["returnees", "members", "registrations"]
    return sorted(_KINDS.values(), key=lambda k: (order.index(k.key) if k.key in order else 99, k.key))


def _load() -> None:
    from frontline.imports.kinds import members, registrations, returnees  # noqa: F401
