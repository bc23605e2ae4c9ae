"""Model-driven INSERTs for the few hot write paths (checkpoint registration, bulk imports).

Why not `Model.objects.bulk_create`: for a handful of rows the ORM spends far more time building the
statement than the database spends running it (measured on SQLite: ~0.6 ms of Python around ~0.05 ms
of SQL for three rows; see docs/PERFORMANCE.md). `insert_objects` does what bulk_create does for
unsaved instances without relations to save first — every concrete column from the model's own
metadata, `pre_save` (auto_now/auto_now_add), `get_db_prep_save` per value, one multi-row INSERT …
RETURNING the primary key, pks set on the instances — but caches the statement text per (model,
rows) and skips the generic machinery (signals are not sent, exactly as with bulk_create).

For thousands of rows given as tuples (Excel imports: COPY on PostgreSQL, each distinct value converted
once) use frontline/core/bulk_insert.py instead; this module serves the few instances of one request.

Works on SQLite ≥ 3.35 and PostgreSQL (both return rows from a bulk insert). The database's
constraints stay the source of truth: an IntegrityError propagates unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from django.db import connections, router
from django.db.models import Field

# SQLite allows 32,766 bound values per statement since 3.32; PostgreSQL 65,535. Stay well below.
MAX_PARAMS = 30_000


@lru_cache(maxsize=256)
def _columns(model) -> tuple:
    """Concrete local fields except an auto primary key, in a fixed order."""
    pk = model._meta.pk
    return tuple(
        f for f in model._meta.concrete_fields if not (f is pk and getattr(f, "db_returning", False))
    )


@lru_cache(maxsize=256)
def _plain(model) -> tuple:
    """(field, plain): plain when the field's pre_save is Field's own (the attribute as it is), so
    only auto_now(_add) dates, files and the like run their pre_save."""
    return tuple((f, type(f).pre_save is Field.pre_save) for f in _columns(model))


@lru_cache(maxsize=1024)
def _statement(model, alias: str, rows: int) -> str:
    conn = connections[alias]
    qn = conn.ops.quote_name
    fields = _columns(model)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # Only names from the model's own metadata, quoted by the backend; values are bound parameters.
    return "INSERT INTO {} ({}) VALUES {} RETURNING {}".format(  # noqa: S608
        qn(model._meta.db_table),
        ", ".join(qn(f.column) for f in fields),
        ", ".join([one] * rows),
        qn(model._meta.pk.column),
    )


@lru_cache(maxsize=256)
def _reader(model, alias: str, prefix: str = "") -> tuple[str, tuple, tuple]:
    """SELECT list (columns qualified by `prefix`, a table alias, when given), attnames and
    per-column converters (backend's, then the field's from_db_value), exactly those the ORM's
    compiler would apply to the same columns."""
    conn = connections[alias]
    qn = conn.ops.quote_name
    fields = model._meta.concrete_fields
    converters = []
    for i, f in enumerate(fields):
        col = f.get_col(model._meta.db_table)
        found = conn.ops.get_db_converters(col) + col.get_db_converters(conn)
        if found:
            converters.append((i, tuple(found), col))
    select = ", ".join((f"{prefix}." if prefix else "") + qn(f.column) for f in fields)
    return select, tuple(f.attname for f in fields), tuple(converters)


def select_list(model, *, prefix: str = "", using: str | None = None) -> str:
    """The model's columns for a written-out SELECT whose rows go to `instance_from_row`."""
    return _reader(model, using or router.db_for_read(model), prefix)[0]


def instance_from_row(model, row, *, using: str | None = None):
    """An instance from the first len(concrete fields) values of a row selected with
    `select_list`, through the ORM's converters and Model.from_db (as a queryset would)."""
    alias = using or router.db_for_read(model)
    conn = connections[alias]
    _select, attnames, converters = _reader(model, alias)
    values = list(row[: len(attnames)])
    for i, funcs, col in converters:
        for func in funcs:
            values[i] = func(values[i], col, conn)
    return model.from_db(alias, attnames, values)


def fetch_where_in(model, column: str, values, *, using: str | None = None) -> list:
    """Instances whose `column` is one of `values`: one written-out SELECT, rows turned into
    instances with Model.from_db after the same converters the ORM applies. No default ordering,
    no filter machinery. For primary-key and unique-key look-ups on hot paths."""
    values = list(values)
    if not values:
        return []
    alias = using or router.db_for_read(model)
    conn = connections[alias]
    select = _reader(model, alias)[0]
    field = next(f for f in model._meta.concrete_fields if f.column == column)
    params = [field.get_db_prep_value(v, conn) for v in values]
    marks = ", ".join(["%s"] * len(params))
    qn = conn.ops.quote_name
    sql = f"SELECT {select} FROM {qn(model._meta.db_table)} WHERE {qn(column)} IN ({marks})"  # noqa: S608
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [instance_from_row(model, row, using=alias) for row in rows]


def insert_objects(objs: Sequence, *, using: str | None = None) -> Sequence:
    """INSERT unsaved instances of one model, set their primary keys, return them.

    The caller holds the transaction (as with bulk_create). Foreign keys must be set by id or by an
    already-saved instance."""
    if not objs:
        return objs
    model = type(objs[0])
    alias = using or router.db_for_write(model)
    conn = connections[alias]
    fields = _columns(model)
    fields_plain = _plain(model)
    pk_field = model._meta.pk
    per_chunk = max(1, MAX_PARAMS // len(fields))
    with conn.cursor() as cursor:
        for start in range(0, len(objs), per_chunk):
            chunk = objs[start : start + per_chunk]
            params = []
            for obj in chunk:
                for f, plain in fields_plain:
                    value = getattr(obj, f.attname) if plain else f.pre_save(obj, add=True)
                    params.append(f.get_db_prep_save(value, connection=conn))
            cursor.execute(_statement(model, alias, len(chunk)), params)
            returned = cursor.fetchall()
            # Rows come back in VALUES order on both backends; Django's bulk_create relies on the same.
            for obj, (pk,) in zip(chunk, returned, strict=True):
                setattr(obj, pk_field.attname, pk)
                obj._state.adding = False
                obj._state.db = alias
    return objs
