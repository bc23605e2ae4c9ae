"""Imports and exports against their baselines, on a generated 100,000-row returnee-shaped file.

    .venv/bin/python -m bench imports            # BENCH_IMPORT_ROWS=20000 for a quicker run

Ratios printed (goals from issue 5):
  1. import rows/s ÷ a raw python-calamine read of the same file         (goal ≥ 0.25)
  2. the same import ÷ django-import-export, best documented configuration (goal ≥ 20×)
  3. export via core.exports' writer ÷ raw xlsxwriter constant_memory       (goal ≥ 0.5)
and the peak memory (max RSS) of each, every measurement in its own subprocess on a fresh database.

The commit path: the returnees kind when frontline.quarantine provides its bulk service, otherwise the
members kind (person + party membership per row; the file's extra returnee columns are ignored). The
bench database has an open screening campaign, and the import part refuses to report a rate unless
every row was created without error and importing the file again changed nothing (row counts and the
newest person change equal before and after). BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/x
runs the import and django-import-export parts on a fresh PostgreSQL database each (created, dropped).
django-import-export runs on the first BENCH_DIE_ROWS rows (default 10,000: it is ~slow enough that
100,000 would dominate the run); its rate is rows/s, so the ratio is comparable.

The import runs the engine's one-pass pipeline (rows staged in the reading thread, written by a
writer thread on the same connection and transaction); its CPU seconds count both threads, so CPU
above wall time is overlap. The stages part times the same work one stage after the other (the
two-pass path), in CPU µs per row: it says what each stage costs, not how they overlap.
"""

from __future__ import annotations

import datetime as dt
import json
import operator
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, cleanup, peak_rss_mb, setup_django

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
DIE_ROWS = int(os.environ.get("BENCH_DIE_ROWS", "10000"))
HEADERS = [
    "序号",
    "姓名",
    "身份证号码",
    "联系电话",
    "乡镇",
    "村",
    "从何地返回",
    "返乡日期",
    "交通方式",
    "体温",
    "备注",
]
ORIGINS = ["湖北武汉", "广东深圳", "广东东莞", "浙江温州", "福建厦门", "上海"]


def villages() -> list[tuple[str, str]]:
    """(township name, village name) pairs of Xingguo, from the division file."""
    import csv

    rows = list(
        csv.DictReader((ROOT / "frontline/regions/data/xingguo_divisions.csv").open(encoding="utf-8"))
    )
    names = {r["code"]: r["name"] for r in rows}
    return [(names[r["code"][:9]], r["name"]) for r in rows if len(r["code"]) == 12]


def generate_rows(n: int):
    sys.path.insert(0, str(ROOT))
    from frontline.demo.synth import Synth

    synth = Synth(seed=2020)
    places = villages()
    day0 = dt.date(2020, 1, 10)
    for i in range(n):
        township, village = places[i % len(places)]
        yield [
            i + 1,
            synth.name(),
            synth.id_number()[0],
            synth.mobile(),
            township,
            village,
            ORIGINS[i % len(ORIGINS)],
            day0 + dt.timedelta(days=i % 30),
            "自驾" if i % 3 else "火车",
            f"36.{i % 9}",
            "",
        ]


def write_file(path: Path, n: int) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    ws = wb.add_worksheet("返乡人员")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_row(0, 0, ["兴国县返乡人员摸排表"])
    ws.write_row(1, 0, ["填报单位：兴国县疫情防控领导小组"])
    ws.write_row(2, 0, HEADERS)
    for r, row in enumerate(generate_rows(n), start=3):
        for c, v in enumerate(row):
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), date_fmt)
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write_number(r, c, v)
    ws.write_row(n + 3, 0, ["合计", f"{n}人"])
    wb.close()


# -- parts, each run in its own process -------------------------------------------------------------
def part_calamine(path: str) -> dict:
    from python_calamine import load_workbook

    t = time.perf_counter()
    rows = load_workbook(path).get_sheet_by_index(0).to_python(skip_empty_area=False)
    return {"seconds": time.perf_counter() - t, "rows": len(rows) - 4}


def _fresh_db_url() -> str | None:
    """BENCH_DATABASE_URL (postgres://user@host:port/anything): a fresh database of this process's
    own on that server, dropped at exit; unset: a fresh SQLite file (setup_django's default)."""
    base = os.environ.get("BENCH_DATABASE_URL", "")
    if not base:
        return None
    import atexit
    import urllib.parse

    import psycopg

    u = urllib.parse.urlsplit(base)
    name = f"frontline_bench_imports_{os.getpid()}"
    admin = urllib.parse.urlunsplit((u.scheme, u.netloc, "/postgres", "", ""))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    atexit.register(drop)
    return urllib.parse.urlunsplit((u.scheme, u.netloc, f"/{name}", u.query, ""))


def _django_with_divisions():
    """A fresh database with Xingguo's divisions, a county admin and an open screening campaign (the
    returnees kind refuses every row without one). Queries are not logged (DEBUG's query log would
    cost every part the same few µs a query, but production runs without it)."""
    work = setup_django(_fresh_db_url())
    from django.conf import settings

    settings.DEBUG = False
    from frontline.accounts.models import User
    from frontline.quarantine.models import Campaign
    from frontline.regions.services import divisions_load_csv

    divisions_load_csv(actor=None, source=ROOT / "frontline/regions/data/xingguo_divisions.csv")
    user = User.objects.create(username="bench_admin", division_id="360732", roles=["county_admin"])
    Campaign.objects.create(
        name="2020年春节返乡人员摸排", division_code="360732", starts_on=dt.date(2020, 1, 10), is_active=True
    )
    return work, user


def _fingerprint(kind_key: str) -> dict:
    """Row counts and the newest change, to prove a re-import changed nothing."""
    from django.db.models import Max

    from frontline.people.models import Membership, Person
    from frontline.quarantine.models import Returnee

    return {
        "people": Person.objects.count(),
        "people_changed": str(Person.objects.aggregate(m=Max("updated_at"))["m"]),
        "returnees": Returnee.objects.count(),
        "memberships": Membership.objects.count(),
    }


def part_import(path: str) -> dict:
    work, user = _django_with_divisions()
    from django.db import connection

    from frontline.imports.engine import run_import
    from frontline.imports.registry import get_kind

    kind = get_kind("returnees")
    if kind.available() is not None:
        kind = get_kind("members")
    t, cpu = time.perf_counter(), time.process_time()
    result = run_import(kind=kind, path=path, actor=user, dry_run=False)
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    before = _fingerprint(kind.key)
    t = time.perf_counter()
    again = run_import(kind=kind, path=path, actor=user, dry_run=False)
    reimport = time.perf_counter() - t
    after = _fingerprint(kind.key)
    first_errors = [e.as_dict() for e in result.errors[:3]]
    # An import that wrote nothing is not a measurement: refuse to print a rate for it.
    assert result.created == result.rows and not result.errors, (result.summary()["created"], first_errors)
    assert again.unchanged == result.rows and again.created == 0 and not again.errors, again.summary()
    assert before == after, (before, after)
    cleanup(work)
    return {
        "seconds": seconds,
        "rows": result.rows,
        "created": result.created,
        "errors": len(result.errors),
        "kind": kind.key,
        "db": connection.vendor,
        "cpu_seconds": round(cpu, 2),
        "reimport_seconds": round(reimport, 2),
        "reimport_unchanged": again.unchanged,
        "reimport_changed_nothing": before == after,
    }


def part_die(path: str) -> dict:
    """django-import-export's documented fast path (docs: "Bulk imports"): use_bulk, batch_size,
    skip_diff, force_init_instance, transactions; the same identifier parsing and protection in
    before_import_row, so it does the work our import does for the person (not the membership)."""
    work, user = _django_with_divisions()
    import tablib
    from import_export import fields, resources
    from python_calamine import load_workbook

    from frontline.core import clock
    from frontline.people.identifiers import parse_id_number, parse_mobile
    from frontline.people.models import Person
    from frontline.people.protection import protected_id_fields, protected_phone_fields
    from frontline.regions.models import Division

    codes = {}
    for d in Division.objects.filter(level="village").select_related("parent"):
        codes[(d.parent.name, d.name)] = d.code

    class PersonResource(resources.ModelResource):
        name = fields.Field(attribute="name", column_name="姓名")

        class Meta:
            model = Person
            fields = (
                "name",
                "division_code",
                "id_number_enc",
                "id_hash",
                "id_masked",
                "phone_enc",
                "phone_hash",
                "phone_masked",
                "gender",
                "birth_date",
            )
            import_id_fields = ("id_hash",)
            use_bulk = True
            batch_size = 1000
            skip_diff = True
            force_init_instance = True
            use_transactions = True

        def before_import(self, dataset, **kwargs):
            # The identifier work our import does, per row, added as the columns the model needs.
            extra = {
                k: []
                for k in (
                    "division_code",
                    "id_number_enc",
                    "id_hash",
                    "id_masked",
                    "gender",
                    "birth_date",
                    "phone_enc",
                    "phone_hash",
                    "phone_masked",
                )
            }
            for row in dataset.dict:
                idn = parse_id_number(row["身份证号码"], today=clock.today())
                values = {**protected_id_fields(idn), **protected_phone_fields(parse_mobile(row["联系电话"]))}
                values["division_code"] = codes[(row["乡镇"], row["村"])]
                for k in extra:
                    extra[k].append(values[k])
            for k, col in extra.items():
                dataset.append_col(col, header=k)

    t = time.perf_counter()
    raw = load_workbook(path).get_sheet_by_index(0).to_python(skip_empty_area=False)
    data = tablib.Dataset(headers=raw[2])
    for row in raw[3 : 3 + DIE_ROWS]:
        data.append(row)
    result = PersonResource().import_data(data, dry_run=False, raise_errors=True)
    seconds = time.perf_counter() - t
    out = {"seconds": seconds, "rows": len(data), "created": result.totals.get("new", 0)}
    assert out["created"] == out["rows"], out
    cleanup(work)
    return out


def _export_values(path):
    """The file's data rows as typed values (dates as datetimes), read once before timing starts."""
    from python_calamine import load_workbook

    rows = load_workbook(path).get_sheet_by_index(0).to_python(skip_empty_area=False)
    return [tuple(r) for r in rows[3:-1]]


def part_export_ours(path: str) -> dict:
    setup_django()
    from frontline.core.exports import Column, write_workbook

    rows = _export_values(path)
    columns = [Column(h, operator.itemgetter(i)) for i, h in enumerate(HEADERS)]
    out = tempfile.mktemp(suffix=".xlsx", dir=tempfile.gettempdir())  # noqa: S306 - bench scratch file
    t = time.perf_counter()
    n = write_workbook(
        out,
        title="返乡人员",
        columns=columns,
        rows=iter(rows),
        unmask=False,
        watermark="bench",
        author="bench",
        export_id="bench",
    )
    seconds = time.perf_counter() - t
    os.unlink(out)
    return {"seconds": seconds, "rows": n}


def part_export_raw(path: str) -> dict:
    import xlsxwriter

    rows = _export_values(path)
    out = tempfile.mktemp(suffix=".xlsx", dir=tempfile.gettempdir())  # noqa: S306 - bench scratch file
    t = time.perf_counter()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "default_date_format": "yyyy-mm-dd"})
    ws = wb.add_worksheet()
    ws.write_row(0, 0, HEADERS)
    for r, row in enumerate(rows, start=1):
        ws.write_row(r, 0, row)
    wb.close()
    seconds = time.perf_counter() - t
    os.unlink(out)
    return {"seconds": seconds, "rows": len(rows)}


def part_stages(path: str) -> dict:
    """Where an import's time goes: CPU µs per row of each stage, one import of the file on a fresh
    database (process CPU time: SQLite runs in-process, PostgreSQL's own work is not counted), the
    stages one after the other (the two-pass path, with its spool; the pipeline has none)."""
    import contextlib

    work, user = _django_with_divisions()
    from python_calamine import load_workbook

    from frontline.core import bulk_insert
    from frontline.imports import engine, reader, spool
    from frontline.imports.registry import get_kind

    kind = get_kind("returnees")
    spent: dict[str, float] = {"sql": 0.0, "spool": 0.0}

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - t

        return wrapper

    t = time.process_time()
    sheet = load_workbook(path).get_sheet_by_index(0)
    n = sum(1 for _ in sheet.iter_rows()) - 4
    read = time.process_time() - t
    del sheet
    t = time.process_time()
    reader.check_zip(Path(path))
    zip_check = time.process_time() - t

    class TimedSpool(spool.Spool):
        add = timed("spool", spool.Spool.add)

        def __iter__(self):
            it = super().__iter__()
            while True:
                t = time.process_time()
                try:
                    chunk = next(it)
                except StopIteration:
                    spent["spool"] += time.process_time() - t
                    return
                spent["spool"] += time.process_time() - t
                yield chunk

    commit_cpu = {}
    real_commit = kind.commit

    def commit(rows, actor, dry_run):
        t = time.process_time()
        try:
            return real_commit(rows, actor, dry_run)
        finally:
            commit_cpu["s"] = commit_cpu.get("s", 0.0) + time.process_time() - t

    import dataclasses

    patches = [
        (engine, "Spool", TimedSpool),
        (bulk_insert, "_insert_values", timed("sql", bulk_insert._insert_values)),
        (bulk_insert, "_copy_rows", timed("sql", bulk_insert._copy_rows)),
        (bulk_insert, "select_in", timed("sql", bulk_insert.select_in)),
    ]
    # The stages one after the other (the two-pass path): in the one-pass pipeline they overlap.
    patches.append((engine, "PIPELINE", False))
    with contextlib.ExitStack() as stack:
        for module, name, value in patches:
            stack.callback(setattr, module, name, getattr(module, name))
            setattr(module, name, value)
        # select_in is imported by name inside the services at call time: patched above.
        t = time.process_time()
        result = engine.run_import(
            kind=dataclasses.replace(kind, commit=commit), path=path, actor=user, dry_run=False
        )
        total = time.process_time() - t
    assert result.created == result.rows == n, result.summary()
    cleanup(work)
    commit_s = commit_cpu["s"]
    validate = total - commit_s - spent["spool"] - read - zip_check
    stages = {
        "read (calamine)": read,
        "zip-bomb check": zip_check,
        "parse + validate": validate,
        "spool": spent["spool"],
        "commit: python": commit_s - spent["sql"],
        "commit: sql": spent["sql"],
    }
    return {
        "seconds": total,
        "rows": n,
        "us_per_row": {k: round(v / n * 1e6, 1) for k, v in stages.items()},
        "total_us_per_row": round(total / n * 1e6, 1),
    }


def part_sqlite_floor(path: str) -> dict:
    """What SQLite itself costs for the two rows an imported returnee needs (a Person and a screening,
    with every index and foreign key of the real schema), from precomputed values through the bare
    sqlite3 connection with the import's 64 MB page cache: no parsing, hashing, encryption or Django.
    A floor for the import's rate on SQLite. (The path only sets the row count.)"""
    import random

    from python_calamine import load_workbook

    n = len(load_workbook(path).get_sheet_by_index(0).to_python(skip_empty_area=False)) - 4
    work = setup_django()
    from django.db import connection, transaction

    from frontline.imports.engine import PAGE_CACHE_KIB
    from frontline.quarantine.models import Campaign

    campaign = Campaign.objects.create(name="floor", division_code="360732", starts_on=dt.date(2020, 1, 10))
    rnd = random.Random(2020)
    hashes = [f"{rnd.getrandbits(256):064x}" for _ in range(n)]
    phones = [f"{rnd.getrandbits(256):064x}" for _ in range(n)]
    codes = [f"3607321{i % 25:02d}2{i % 17:02d}" for i in range(400)]
    now = "2020-02-19 10:00:00"
    person_cols = (
        "name, division_code, id_number_enc, id_hash, id_masked, phone_enc, phone_hash, phone_masked, "
        "gender, birth_date, address, is_synthetic, created_at, updated_at"
    )
    returnee_cols = (
        "campaign_id, person_id, id_hash, division_code, household_id, returned_from_code, "
        "returned_from_text, return_date, travel_mode, travel_number, contact, symptoms, temperature, "
        "source, source_ref, risk_class, risk_rule_id, rescreen_of_id, rescreen_reason, screened_at, "
        "screened_by_id"
    )
    with transaction.atomic():
        raw = connection.connection
        raw.execute(f"PRAGMA cache_size = {-PAGE_CACHE_KIB:d}")
        t = time.process_time()
        ids = []
        one = "(" + ",".join("?" * 14) + ")"
        for start in range(0, n, 1000):
            params = []
            for i in range(start, min(n, start + 1000)):
                params += ["张三", codes[i % 400], "v2." + "x" * 68, hashes[i], "360***********1234"]
                params += ["v2." + "y" * 60, phones[i], "170****1234", "M", "1990-01-01", "", 0, now, now]
            # Fixed column lists and placeholders only; every value is bound.
            sql = f"INSERT INTO people_person ({person_cols}) VALUES "  # noqa: S608
            sql += ",".join([one] * (len(params) // 14))
            ids += raw.execute(sql + " RETURNING id", params).fetchall()
        person = time.process_time() - t
        t = time.process_time()
        one = "(" + ",".join("?" * 21) + ")"
        for start in range(0, n, 1000):
            params = []
            for i in range(start, min(n, start + 1000)):
                params += [campaign.pk, ids[i][0], hashes[i], codes[i % 400], None, "4201", "湖北武汉"]
                params += ["2020-01-10", "car", "", "none", "[]", "36.5", "big_data", "imports", "monitoring"]
                params += [None, None, "", now, None]
            sql = f"INSERT INTO quarantine_returnee ({returnee_cols}) VALUES "  # noqa: S608
            sql += ",".join([one] * (len(params) // 21))
            raw.execute(sql + " RETURNING id", params).fetchall()
        returnee = time.process_time() - t
    cleanup(work)
    return {
        "seconds": person + returnee,
        "rows": n,
        "us_per_row": {"person": round(person / n * 1e6, 1), "screening": round(returnee / n * 1e6, 1)},
    }


PARTS = {
    "calamine": part_calamine,
    "import": part_import,
    "die": part_die,
    "export_ours": part_export_ours,
    "export_raw": part_export_raw,
    "stages": part_stages,
    "sqlite_floor": part_sqlite_floor,
}


def run_part(name: str, path: Path) -> dict:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.bench_imports", "--part", name, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"part {name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    work = Path(tempfile.mkdtemp(prefix="frontline-bench-imports-"))
    path = work / "returnees.xlsx"
    t = time.perf_counter()
    write_file(path, ROWS)
    print(
        f"file: {ROWS:,} rows, {path.stat().st_size / 1e6:.1f} MB, written in {time.perf_counter() - t:.1f} s"
    )
    on_pg = os.environ.get("BENCH_DATABASE_URL", "").startswith("postgres")
    r = {name: run_part(name, path) for name in PARTS if not (on_pg and name == "sqlite_floor")}
    for name, m in r.items():
        if name in ("stages", "sqlite_floor"):
            continue
        rate = m["rows"] / m["seconds"] if m["seconds"] else 0
        extra = {k: v for k, v in m.items() if k not in ("seconds", "rows", "peak_mb")}
        print(
            f"  {name:12} {m['rows']:>7,} rows {m['seconds']:7.2f} s {rate:>10,.0f} rows/s  peak {m['peak_mb']:6.0f} MB  {extra}"
        )
    ours = r["import"]["rows"] / r["import"]["seconds"]
    raw = r["calamine"]["rows"] / r["calamine"]["seconds"]
    die = r["die"]["rows"] / r["die"]["seconds"]
    export = r["export_raw"]["seconds"] / r["export_ours"]["seconds"]
    print(f"import ({r['import']['kind']}) ÷ raw calamine read: {ours / raw:.3f}  (goal ≥ 0.25)")
    print(f"import ÷ django-import-export: {ours / die:.1f}×  (goal ≥ 20×)")
    print(f"export_xlsx writer ÷ raw xlsxwriter: {export:.2f}  (goal ≥ 0.5)")
    stages = r["stages"]
    print(
        f"import CPU µs per row by stage ({stages['total_us_per_row']} in all): "
        + ", ".join(f"{k} {v}" for k, v in stages["us_per_row"].items())
    )
    if "sqlite_floor" in r:
        floor = r["sqlite_floor"]
        per_row = floor["seconds"] / floor["rows"] * 1e6
        print(
            f"SQLite alone, the two rows of an imported returnee from precomputed values: {per_row:.1f} µs "
            f"CPU a row ({floor['us_per_row']}); with the raw read that bounds the import at "
            f"{1e6 / (1e6 / raw + per_row) / raw:.2f} of the calamine rate and at "
            f"{1e6 / (1e6 / raw + per_row) / die:.1f}× django-import-export, with no Python at all"
        )
    cleanup(work)


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "--part":
        os.environ.setdefault("FRONTLINE_TODAY", "2020-02-19")
        result = PARTS[sys.argv[2]](sys.argv[3])
        result["peak_mb"] = peak_rss_mb()
        print(json.dumps(result))
    else:
        main()
