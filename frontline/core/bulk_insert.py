"""Multi-row INSERTs for the bulk paths (Excel imports), without model instances.

Django's bulk_create builds a model instance per row and compiles every value through the field API,
~100 µs a row for Person (and SQLite's conservative 999-parameter limit cuts it into 60-row INSERTs);
an import of 100,000 rows spent most of its time there. insert_rows() takes rows as tuples of model
values, sends text, number, boolean and key values as they are (Django does too), converts each
*distinct* value of date, time, decimal and JSON columns once through the field's own
get_db_prep_save (so what reaches the database is what the ORM would send), and sends one
INSERT … VALUES (…), (…) … RETURNING per batch of up to 1,000 rows on SQLite, one COPY on PostgreSQL. The database's constraints stay the
source of truth: a violation raises IntegrityError like any insert.

Only for services that already validated their rows; callers hold the transaction and the audit.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Sequence

from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

# Field types whose values (str, int, bool or None) Django hands to the driver unchanged: they are
# sent as given. Anything else in such a column fails loudly at the driver, never silently.
_PLAIN = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "EmailField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
}
MAX_ROWS_PER_STATEMENT = 1000


def _converter(field, conn):
    """value → what the ORM would send for this field; each distinct value converted once per call."""
    prep = field.get_db_prep_save
    seen: dict = {}

    def convert(value):
        if value is None:
            return None
        # Keyed by type too: 1, 1.0 and True are equal keys; a date is not a datetime.
        try:
            return seen[value.__class__, value]
        except KeyError:
            out = seen[value.__class__, value] = prep(value, conn)
            return out
        except TypeError:  # unhashable: a list (JSON) by its items, anything else every time
            if value.__class__ is not list:
                return prep(value, conn)
            key = (list, tuple(value))
            try:
                return seen[key]
            except (KeyError, TypeError):
                out = prep(value, conn)
                with contextlib.suppress(TypeError):
                    seen[key] = out
                return out

    return convert


def max_params(conn=None) -> int:
    """Bound parameters one statement may carry on this connection."""
    conn = conn or connections[DEFAULT_DB_ALIAS]
    if conn.vendor == "sqlite":
        conn.ensure_connection()
        raw = conn.connection
        if hasattr(raw, "getlimit"):  # Python 3.11+: the compiled limit (250,000 in current SQLite)
            return raw.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        return conn.features.max_query_params or 999
    return 65535  # PostgreSQL's wire protocol limit


class Inserter:
    """Multi-row INSERTs of one model's `fields`, split in two halves so that a caller can run them in
    different threads: prepare(row) turns a tuple of model values into what the database gets (pure
    Python, no connection used), execute(prepared rows) sends them (the connection of the calling
    thread). insert_rows() is both in one call.

    The model's other columns get their field defaults (auto_now dates: now), as with the ORM;
    `returning` names the primary key and/or columns among `fields`."""

    def __init__(
        self, model, fields: Sequence[str], *, returning: Sequence[str] = (), constants: dict | None = None
    ):
        """constants: {attname: value} the same for every row (converted once, not given per row)."""
        conn = connections[DEFAULT_DB_ALIAS]  # for the vendor and its value adapters only
        constants = constants or {}
        fields = [*fields, *constants]
        meta = self.meta = model._meta
        self.model, self.fields, self.returning = model, tuple(fields), tuple(returning)
        unknown = [name for name in returning if name != meta.pk.attname and name not in fields]
        if unknown:
            raise ValueError(f"insert_rows can return the primary key and given fields, not {unknown}")
        model_fields = [meta.get_field(name) for name in fields]
        # Columns not given get what the ORM would put there: the field's default, or now for
        # auto_now/auto_now_add dates. They are the same for every row, converted once.
        named = {f.attname for f in model_fields}
        now = timezone.now()
        defaults = [
            (
                f,
                now
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
                else f.get_default(),
            )
            for f in meta.concrete_fields
            if f.attname not in named and not f.primary_key
        ]
        model_fields += [f for f, _v in defaults]
        given = [(meta.get_field(name), constants[name]) for name in constants]
        self._constant = [f.get_db_prep_save(v, conn) for f, v in given + defaults]
        # Only date, time, decimal, JSON… columns need converting; text, number and key columns pass.
        self._width = len(fields) - len(constants)  # the values each row gives
        self._special = [
            (j, _converter(f, conn))
            for j, f in enumerate(model_fields[: self._width])
            if f.get_internal_type() not in _PLAIN
        ]
        self.columns = [f.column for f in model_fields]
        self.vendor = conn.vendor

    def prepare(self, row) -> list:
        """The row's values as the database gets them (a new list; the caller may still change a
        plain column in it, e.g. a foreign key learnt later)."""
        if len(row) != self._width:
            raise ValueError(f"{self.model.__name__} row has {len(row)} values for {self._width} fields")
        out = list(row)
        for j, convert in self._special:
            out[j] = convert(out[j])
        if self._constant:
            out.extend(self._constant)
        return out

    def execute(self, prepared: Iterable[list]) -> list[tuple]:
        """Send prepared rows; for each inserted row in insertion order, the `returning` columns."""
        conn = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the thread-local proxy
        if conn.vendor == "postgresql":
            return _copy_rows(conn, self.meta, self.columns, self.fields, prepared, self.returning)
        return _insert_values(conn, self.meta, self.columns, prepared, self.returning)


def insert_rows(
    model, fields: Sequence[str], rows: Iterable[Sequence], *, returning: Sequence[str] = ()
) -> list[tuple]:
    """INSERT rows (tuples in the order of `fields`, attnames such as "person_id") into model's table;
    the model's other columns get their field defaults (auto_now dates: now), as with the ORM.
    Returns, for every inserted row in insertion order, the `returning` columns: the primary key
    and/or columns among `fields` (as given); [] when none are asked for."""
    inserter = Inserter(model, fields, returning=returning)
    return inserter.execute(map(inserter.prepare, rows))


def _insert_values(conn, meta, columns, prepared, returning) -> list[tuple]:
    """INSERT … VALUES (…), (…) … RETURNING, up to MAX_ROWS_PER_STATEMENT rows a statement.

    When no query log is kept (production; tests that capture queries keep one), the statement goes
    to the sqlite3 cursor with its own "?" placeholders: Django's cursor would rewrite every "%s" of
    a 1,000-row statement with a regular expression first (measured: 4 ms per 1,000-row,
    21-column statement, i.e. ~4 µs a row for the screening and ~3 for the person)."""
    qn = conn.ops.quote_name
    # Table and column names come from the model's meta, quoted; every value is a bound parameter.
    head = "INSERT INTO {} ({}) VALUES ".format(qn(meta.db_table), ", ".join(map(qn, columns)))  # noqa: S608
    tail = ""
    if returning:
        tail = " RETURNING " + ", ".join(qn(meta.get_field(name).column) for name in returning)
    batch = max(1, min(MAX_ROWS_PER_STATEMENT, max_params(conn) // len(columns)))
    out: list[tuple] = []
    with conn.cursor() as cursor:
        if conn.queries_logged:
            one, run = "(" + ", ".join(["%s"] * len(columns)) + ")", cursor.execute
        else:
            raw = cursor.cursor  # Django's SQLiteCursorWrapper is a sqlite3.Cursor

            def run(sql, params):
                with conn.wrap_database_errors:
                    sqlite3.Cursor.execute(raw, sql, params)

            one = "(" + ", ".join(["?"] * len(columns)) + ")"
        full = head + ", ".join([one] * batch) + tail
        params: list = []
        count = 0
        for values in prepared:
            params += values
            count += 1
            if count == batch:
                run(full, params)
                if returning:
                    out += cursor.fetchall()
                params, count = [], 0
        if count:
            run(head + ", ".join([one] * count) + tail, params)
            if returning:
                out += cursor.fetchall()
    return [tuple(r) for r in out]


def _copy_rows(conn, meta, columns, fields, prepared, returning) -> list[tuple]:
    """PostgreSQL: COPY … FROM STDIN, ~10× cheaper than multi-row INSERTs there (Django binds
    parameters client-side, so a 1,000-row INSERT is a huge statement to parse and plan). The
    primary keys are drawn from the table's sequence first, in one query, and sent with the rows, so
    they are known without RETURNING."""
    qn = conn.ops.quote_name
    rows = list(prepared)
    if not rows:
        return []
    pk = meta.pk
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, pk.column, len(rows)],
        )
        ids = [i for (i,) in cursor.fetchall()]
        sql = "COPY {} ({}) FROM STDIN".format(qn(meta.db_table), ", ".join(map(qn, [pk.column, *columns])))
        with conn.wrap_database_errors, cursor.cursor.copy(sql) as copy:
            for pk_value, row in zip(ids, rows, strict=True):
                copy.write_row([pk_value, *row])
    if not returning:
        return []
    where = {name: fields.index(name) for name in returning if name != pk.attname}
    return [
        tuple(pk_value if name == pk.attname else row[where[name]] for name in returning)
        for pk_value, row in zip(ids, rows, strict=True)
    ]


def select_in(sql: str, values: Sequence, *, fixed: Sequence = ()) -> list[tuple]:
    """Run `sql` over `values`: it holds one "{in_values}" where "column {in_values}" means "column is
    one of values", and %s placeholders for the `fixed` parameters before it. All result rows.
    SQLite gets IN (%s, …) lists in batches it accepts; PostgreSQL one array parameter (Django binds
    parameters client-side there, so a 5,000-value IN list is a big text to parse), see _pg_probes."""
    out: list[tuple] = []
    if not values:
        return out
    conn = connections[DEFAULT_DB_ALIAS]
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(*_pg_probes(sql, values, fixed))
            return cursor.fetchall()
        step = max(1, max_params(conn) - len(fixed) - 10)
        for start in range(0, len(values), step):
            part = values[start : start + step]
            cursor.execute(
                sql.format(in_values="IN (" + ", ".join(["%s"] * len(part)) + ")"), [*fixed, *part]
            )
            out.extend(cursor.fetchall())
    return out


def _pg_probes(sql: str, values: Sequence, fixed: Sequence) -> tuple[str, list]:
    """select_in on PostgreSQL: `sql` run once per value (a LATERAL subquery that OFFSET 0 keeps
    from being flattened into a join), so each value is one probe of the index on its column,
    whatever the table's statistics say. `column = ANY(%s)` left that choice to the planner, and in
    an import's own transaction — the table growing by thousands of rows its statistics have not
    seen — it chose to scan: the people table sequentially, the returnees of the campaign through the
    campaign's index, filtering on the hash. Each 1,000-row chunk then read every row the import had
    written so far (measured, 100,000 returnees: 4.1 s of lookups, 8-30 ms a chunk and growing; as
    probes 1.9 s, 2 ms a chunk of server time). Values are deduplicated, as IN would."""
    values = list(dict.fromkeys(values))
    kind = "bigint[]" if all(isinstance(v, int) for v in values) else "text[]"
    # The caller's SQL (table and column names from models; values bound), wrapped; kind is one of two.
    probes = (
        f"SELECT found.* FROM unnest(%s::{kind}) AS wanted(value) CROSS JOIN LATERAL ("  # noqa: S608
        + sql.format(in_values="= wanted.value")
        + " OFFSET 0) AS found"
    )
    return probes, [values, *fixed]
