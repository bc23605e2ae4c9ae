"""The import engine: file → sheets → header row → parsed, validated, deduplicated rows → one
transaction committing every valid row (or, in a dry run, rolled back) with one audit event.

Used by the CLI (`import_sheet`), the background job and the tests; kinds supply the columns, the
row validator and the bulk commit.
"""

from __future__ import annotations

import contextlib
import gc
import queue
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils.translation import gettext as _

from frontline.audit.services import audit_record
from frontline.core import clock
from frontline.core.policy import policy_for
from frontline.imports.divisions import DivisionResolver
from frontline.imports.headers import find_header, is_total_or_note, missing_required
from frontline.imports.kinds.adapter import as_result
from frontline.imports.parsers import is_blank, text
from frontline.imports.reader import FileRefused, open_sheets
from frontline.imports.registry import CommitResult, Context, ImportKind
from frontline.imports.spool import Spool

PROGRESS_EVERY = 2000
COMMIT_CHUNK = 5000
# After an import of this many rows or more, PostgreSQL's statistics of the kind's tables are refreshed.
ANALYZE_FROM_ROWS = 10_000
PIPELINE = True  # kinds with a committer run in one pass with a writer thread (False: two passes)
PIPELINE_CHUNK = 1000  # rows staged and written at a time in that pass
SWITCH_INTERVAL = 0.0005  # s, the GIL hand-over interval while the writer thread runs
PAGE_CACHE_FROM_ROWS = 20_000  # SQLite page cache of PAGE_CACHE_KIB for imports from this size on
PAGE_CACHE_KIB = 64 * 1024
MEMO_PROBE = 2000  # every so many rows, a column's memo is kept only if its values repeat …
MEMO_MIN_REPEAT = 0.5  # … i.e. it holds fewer distinct values than this share of the rows
_MISSING = object()


@dataclass
class RowError:
    row: int
    column: str | None
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    sheet: str = ""
    header_row: int = 0
    headers: list[str] = field(default_factory=list)
    # (row number, the row's cells as read, "message; message") for the error workbook
    bad_rows: list[tuple[int, list, str]] = field(default_factory=list)
    ids: list = field(default_factory=list)

    def summary(self) -> dict:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [e.as_dict() for e in self.errors],
            "dry_run": self.dry_run,
        }


def _messages(exc: ValidationError) -> list[tuple[str | None, str]]:
    if hasattr(exc, "error_dict"):
        return [(k if k != "__all__" else None, str(m)) for k, ms in exc.message_dict.items() for m in ms]
    return [(None, str(m)) for m in exc.messages]


def locate(kind: ImportKind, path: Path):
    """The first visible sheet with the kind's header row: (sheet, header position, mapping)."""
    best_missing = None
    for sheet in open_sheets(path):
        found = find_header(kind, sheet.head)
        if not found:
            continue
        pos, mapping, _cells = found
        missing = missing_required(kind, mapping)
        if not missing:
            return sheet, pos, mapping
        best_missing = best_missing or missing
    if best_missing:
        raise FileRefused(
            _("The header row lacks these columns: %(cols)s. Download the template to see them.")
            % {"cols": "、".join(best_missing)}
        )
    raise FileRefused(
        _("No header row found: the first rows of the sheet must name the columns, e.g. %(cols)s.")
        % {"cols": "、".join(str(c.header) for c in kind.columns[:4])}
    )


class _Refused:
    """A remembered refusal of a cell value: its messages."""

    __slots__ = ("messages",)

    def __init__(self, messages):
        self.messages = messages


def run_import(
    *,
    kind: ImportKind,
    path: Path | str,
    actor,
    dry_run: bool,
    progress: Callable[[int, int], None] | None = None,
    before_commit: Callable[[ImportResult], None] | None = None,
    audit_detail: dict | None = None,
) -> ImportResult:
    """Read, validate and commit. Raises FileRefused (whole file), PermissionDenied (role).
    `before_commit(result)` runs inside the commit transaction (the job row records its outcome there,
    so the data and the job's "done" appear together or not at all).

    Two passes: every row is read and validated outside any transaction (the job's progress bar and
    heartbeat are visible meanwhile, and other writers are not held up), valid rows going to a Spool
    in chunks; then the chunks are committed in one transaction. Memory stays one chunk plus
    calamine's own copy of the sheet, whatever the file's length."""
    reason = kind.available()
    if reason:
        raise FileRefused(reason)
    policy = policy_for(actor)
    policy.require(kind.perm)
    path = Path(path)
    sheet, pos, mapping = locate(kind, path)
    header_number, header_cells = sheet.head[pos]
    result = ImportResult(
        kind=kind.key,
        dry_run=dry_run,
        sheet=sheet.name,
        header_row=header_number,
        headers=[text(c) for c in header_cells],
    )
    ctx = Context(actor=actor, policy=policy, today=clock.today(), resolver=DivisionResolver(policy))
    with _gc_paused():
        if kind.committer is not None and PIPELINE:
            _pipelined(
                kind,
                sheet,
                pos,
                mapping,
                ctx,
                result,
                progress,
                lambda outcome: _finish(
                    kind, actor, policy, result, outcome, dry_run, before_commit, audit_detail
                ),
                dry_run,
            )
            refresh_statistics(kind, result)
            return result
        with Spool(COMMIT_CHUNK) as spool:
            _validate_rows(kind, sheet, pos, mapping, ctx, result, spool, progress)
            with transaction.atomic(), _page_cache(spool.count):
                # Chunks bound the memory of each commit; the one transaction keeps it all-or-nothing.
                outcome = CommitResult()
                for chunk in spool:
                    _add(outcome, kind.commit(chunk, actor, dry_run))
                _finish(kind, actor, policy, result, outcome, dry_run, before_commit, audit_detail)
    refresh_statistics(kind, result)
    return result


def refresh_statistics(kind: ImportKind, result: ImportResult) -> None:
    """PostgreSQL plans from table statistics, which autovacuum refreshes a while after a bulk load;
    until then they describe the tables as they were, and queries on them (lists, figures, the next
    import) are planned for tables a fraction of their size (measured: re-importing 100,000 returnees
    right after the first import took 12-14 s instead of 9.7 s, before the imports' own look-ups
    became index probes, bulk_insert._pg_probes). After a large import, ANALYZE the kind's tables."""
    if (
        result.dry_run
        or connection.vendor != "postgresql"
        or not kind.tables
        or result.created + result.updated < ANALYZE_FROM_ROWS
    ):
        return
    qn = connection.ops.quote_name
    tables = ", ".join(qn(apps.get_model(label)._meta.db_table) for label in kind.tables)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def _add(outcome: CommitResult, part: CommitResult) -> None:
    outcome.created += part.created
    outcome.updated += part.updated
    outcome.unchanged += part.unchanged
    outcome.ids.extend(part.ids)
    outcome.errors.extend(part.errors)


def _finish(kind, actor, policy, result, outcome, dry_run, before_commit, audit_detail) -> None:
    """Inside the commit transaction, once every row is written: the outcome into result, the one
    audit event, the caller's before_commit, and the rollback of a dry run."""
    for number, message in outcome.errors:
        result.errors.append(RowError(row=number, column=None, message=message))
    result.created, result.updated, result.unchanged = outcome.created, outcome.updated, outcome.unchanged
    result.ids = outcome.ids
    result.errors.sort(key=lambda e: e.row)
    if not dry_run:
        audit_record(
            actor=actor,
            action="import",
            object_type=f"imports.{kind.key}",
            division_code=policy.prefix or "",
            ids=outcome.ids,
            count=result.created + result.updated,
            detail={
                "kind": kind.key,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "errors": len(result.errors),
                **(audit_detail or {}),
            },
        )
    if before_commit and not dry_run:
        before_commit(result)
    if dry_run:
        transaction.set_rollback(True)


def _pipelined(kind, sheet, pos, mapping, ctx, result, progress, finish, dry_run) -> None:
    """One pass for kinds whose commit comes in halves (kind.committer): this thread reads, validates
    and stages PIPELINE_CHUNK rows at a time (the Python work: parsing, checks, hashes, encryption,
    INSERT values) while a writer thread sends the previous chunks to the database on this thread's
    connection, inside this thread's transaction. The database's own work (SQLite's inserts run in C
    without the GIL; PostgreSQL's in the server) then overlaps the Python work instead of following it.

    Semantics kept: every valid row is committed in the one transaction opened here (or rolled back:
    a dry run, an error in either thread, a killed process); memory is bounded by the queue (two
    staged chunks waiting, one being written, one being staged). The transaction is open while the
    file is read, so on SQLite — one writer at a time — the job's progress cannot be recorded
    meanwhile (see imports.services.import_job_run); the commit itself was most of the import before."""
    outcome = CommitResult()
    # Without a transaction open the page cache is set on the connection; the estimate is the file's.
    with transaction.atomic(), _page_cache(sheet.total):
        committer = kind.committer(actor=ctx.actor, dry_run=dry_run)
        with _Writer(committer.write, outcome) as writer:
            sink = _Chunks(PIPELINE_CHUNK, lambda rows: writer.put(committer.stage(rows)))
            _validate_rows(kind, sheet, pos, mapping, ctx, result, sink, progress)
            sink.flush()
        # The writer is done (its error, if any, was raised above): the rest of the transaction —
        # audit event, job row — happens on this thread again.
        finish(outcome)


class _Chunks:
    """The sink of validated rows in the one-pass path: hands them on `size` at a time."""

    def __init__(self, size: int, send):
        self.size, self.send, self.rows, self.count = size, send, [], 0

    def add(self, row) -> None:
        self.rows.append(row)
        self.count += 1
        if len(self.rows) >= self.size:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            rows, self.rows = self.rows, []
            self.send(rows)


_STOP = object()


class _Writer:
    """A thread that writes staged chunks through the calling thread's database connection (shared
    for the while, as Django's live-server tests share theirs), in order, while the calling thread
    goes on reading. The calling thread must not use the connection until the block ends: the
    block's exit waits for the writer and re-raises its error, if any, so that the transaction
    around it rolls back."""

    def __init__(self, write, outcome: CommitResult):
        self.write, self.outcome = write, outcome
        self.queue: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.conn = connections[DEFAULT_DB_ALIAS]
        self.thread = threading.Thread(target=self._run, name="import-writer", daemon=True)

    def __enter__(self) -> _Writer:
        self.conn.inc_thread_sharing()
        # The GIL is handed over every so often (5 ms by default): the writer, back from SQLite with
        # one more statement to send, would wait that long each time while this thread parses.
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        self.thread.start()
        return self

    def put(self, staged) -> None:
        if self.error is not None:  # stop reading: the import will roll back anyway
            raise self.error
        self.queue.put(staged)

    def _run(self) -> None:
        connections[DEFAULT_DB_ALIAS] = self.conn
        try:
            while (staged := self.queue.get()) is not _STOP:
                if self.error is None:
                    try:
                        _add(self.outcome, as_result(self.write(staged)))
                    except BaseException as exc:  # noqa: BLE001 - handed to the calling thread
                        self.error = exc
        finally:
            del connections[DEFAULT_DB_ALIAS]

    def __exit__(self, exc_type, exc, tb) -> None:
        self.queue.put(_STOP)
        self.thread.join()
        sys.setswitchinterval(self._interval)
        self.conn.dec_thread_sharing()
        if exc_type is None and self.error is not None:
            raise self.error


@contextlib.contextmanager
def _gc_paused():
    """The cyclic garbage collector off while an import runs (put back as it was afterwards). An
    import allocates millions of small objects that reference counting frees at once; the collector
    would still scan the growing set of live ones again and again (measured: ~15 % of a 100,000-row
    import). Cycles made meanwhile are collected once it is back on."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextlib.contextmanager
def _page_cache(rows: int):
    """SQLite: a larger page cache for this connection while a big import commits. Its indexes on
    random keys (ID and phone hashes) outgrow SQLite's default 2 MB cache past ~20,000 rows, and every
    insert then reads and writes index pages through the OS; 64 MB keeps them in memory (measured:
    ~25 % less time per inserted row at 100,000 rows). The setting is this connection's only and is
    put back afterwards; other databases are left alone."""
    if connection.vendor != "sqlite" or rows < PAGE_CACHE_FROM_ROWS:
        yield
        return
    # The sqlite3 connection itself, not Django's cursor: the setting must be put back also when the
    # block ends in a rollback (a dry run, a failed commit), where Django refuses further queries.
    raw = connection.connection
    (before,) = raw.execute("PRAGMA cache_size").fetchone()
    raw.execute(f"PRAGMA cache_size = {-PAGE_CACHE_KIB:d}")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA cache_size = {int(before):d}")


def _validate_rows(kind, sheet, pos, mapping, ctx, result: ImportResult, spool, progress) -> None:
    """The first pass: parse and validate every data row; errors into result, valid rows to spool."""
    header_cells = sheet.head[pos][1]
    columns = {c.key: c for c in kind.columns}
    file_header = {key: text(header_cells[i]) or str(columns[key].header) for i, key in mapping.items()}
    # What to do per mapped cell, worked out once: (cell index, key, required, parser(value), memo).
    # memo: the column's answers so far by cell value (a parsed value, or _Refused). Lists repeat
    # themselves: the same township, village, origin, date, transport and temperature thousands of
    # times; parsers are pure functions of the cell and the file's context, so an answer is reused.
    # A column whose values hardly repeat (names, ID numbers) is no longer remembered after
    # MEMO_PROBE rows (memo None), so it costs nothing and holds no memory.
    plan = []
    for i, key in mapping.items():
        col = columns[key]
        parser = (lambda v, p=col.parser: p(v, ctx)) if col.parser else text
        plan.append((i, key, col.required, parser, {}))
    absent = [(key, col) for key, col in columns.items() if key not in mapping.values()]
    required_message = _("%(column)s is required.")
    validate, dedup_key = kind.validate, kind.dedup_key
    total = max(sheet.total - pos - 1, 0)
    seen: dict = {}
    done = 0
    for number, cells in sheet.iter_from(pos + 1):
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done, total)
        for c in cells:
            if not is_blank(c):
                break
        else:
            continue  # a blank row
        if is_total_or_note(cells):
            continue
        result.rows += 1
        if result.rows % MEMO_PROBE == 0:
            plan = [
                (
                    i,
                    key,
                    required,
                    parser,
                    None if memo is None or len(memo) > result.rows * MEMO_MIN_REPEAT else memo,
                )
                for i, key, required, parser, memo in plan
            ]
        row: dict = {"_row": number}
        problems: list[tuple[str | None, str]] = []
        width = len(cells)
        for i, key, required, parser, memo in plan:
            value = cells[i] if i < width else None
            if value is None or (isinstance(value, str) and (not value or value.isspace())):
                if required:
                    problems.append((key, required_message % {"column": file_header[key]}))
                row[key] = None
                continue
            if memo is not None:
                # Keyed by type too where it matters: 1, 1.0 and True are equal dict keys.
                memo_key = value if value.__class__ is str else (value.__class__, value)
                answer = memo.get(memo_key, _MISSING)
                if answer is _MISSING:
                    try:
                        answer = parser(value)
                    except ValidationError as exc:
                        answer = _Refused(exc.messages)
                    memo[memo_key] = answer
                if answer.__class__ is _Refused:
                    row[key] = None
                    problems.extend((key, m) for m in answer.messages)
                else:
                    row[key] = answer
                continue
            try:
                row[key] = parser(value)
            except ValidationError as exc:
                row[key] = None
                problems.extend((key, m) for m in exc.messages)
        for key, col in absent:
            row[key] = None
            if col.required:
                problems.append((key, required_message % {"column": str(col.header)}))
        if not problems:
            try:
                row = validate(row, ctx)
            except ValidationError as exc:
                problems.extend(_messages(exc))
        if not problems:
            key = dedup_key(row)
            if key in seen:
                problems.append((None, _("Duplicate of row %(n)d.") % {"n": seen[key]}))
            else:
                seen[key] = number
        if problems:
            for key, message in problems:
                column = file_header.get(key) or (str(columns[key].header) if key in columns else None)
                result.errors.append(RowError(row=number, column=column, message=message))
            result.bad_rows.append((number, cells, "；".join(m for _k, m in problems)))
        else:
            spool.add(row)
    if progress:
        progress(total, total)
