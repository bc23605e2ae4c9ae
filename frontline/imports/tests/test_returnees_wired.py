"""The returnees kind wired to the quarantine app's bulk screening."""

import dataclasses
import datetime as dt

import pytest

from frontline import testing
from frontline.imports.engine import run_import
from frontline.imports.registry import get_kind
from frontline.imports.tests.conftest import write_csv
from frontline.quarantine.models import Campaign, Returnee


@pytest.fixture
def campaign(users):
    return Campaign.objects.create(
        name="2020年春节返乡人员摸排", division_code=testing.COUNTY, starts_on=dt.date(2020, 1, 20)
    )


def _rows(a, b):
    return [
        ["大数据推送返乡人员名单（长冈乡）"],
        ["姓名", "身份证号码", "手机号码", "乡镇", "村", "从何地返回", "返乡日期", "交通方式", "体温"],
        ["张三", a, "17012345678", "长冈乡", "园塘村", "湖北武汉", "2020/1/28", "自驾", "36.5"],
        ["李四", b, "17012345679", "长冈乡", "园塘村", "广东深圳", "2020年2月1日", "高铁", "38.2"],
        ["王五", testing.valid_id(), "", "高兴镇", "水头村", "浙江温州", "2020-02-02", "大巴", "36.4"],
        ["合计", "", "", "", "", "", "", "", ""],
    ]


def test_push_list_is_screened_with_risk_classes_and_reimport_changes_nothing(
    users, campaign, tmp_path, settings
):
    settings.FRONTLINE_TODAY = "2020-02-03"
    path = write_csv(tmp_path / "r.csv", _rows(testing.valid_id(), testing.valid_id()), encoding="gb18030")
    result = run_import(kind=get_kind("returnees"), path=path, actor=users["changgang_admin"], dry_run=False)
    assert result.created == 2, [(e.row, e.message) for e in result.errors]
    assert [e.row for e in result.errors] == [5]  # 高兴镇 is outside 长冈乡
    by_name = {r.person.name: r for r in Returnee.objects.select_related("person")}
    assert by_name["张三"].returned_from_code == "4201" and by_name["张三"].travel_mode == "car"
    assert by_name["李四"].travel_mode == "train" and "fever" in by_name["李四"].symptoms
    assert by_name["张三"].risk_class != "monitoring"  # back from Hubei within 14 days
    assert all(r.source == "big_data" and r.campaign_id == campaign.pk for r in by_name.values())
    again = run_import(kind=get_kind("returnees"), path=path, actor=users["changgang_admin"], dry_run=False)
    assert again.created == 0 and again.unchanged == 2 and Returnee.objects.count() == 2


def test_dry_run_screens_nobody(users, campaign, tmp_path, settings):
    settings.FRONTLINE_TODAY = "2020-02-03"
    path = write_csv(tmp_path / "r.csv", _rows(testing.valid_id(), testing.valid_id()))
    result = run_import(kind=get_kind("returnees"), path=path, actor=users["changgang_admin"], dry_run=True)
    assert result.created == 2 and Returnee.objects.count() == 0


def test_without_an_active_campaign_every_row_says_why(users, tmp_path, settings):
    settings.FRONTLINE_TODAY = "2020-02-03"
    path = write_csv(tmp_path / "r.csv", _rows(testing.valid_id(), testing.valid_id()))
    result = run_import(kind=get_kind("returnees"), path=path, actor=users["changgang_admin"], dry_run=False)
    assert result.created == 0 and any("摸排" in e.message or "campaign" in e.message for e in result.errors)


def _push_list(n):
    villages = [("长冈乡", "园塘村"), ("长冈乡", "塘石村")]
    rows = [["姓名", "身份证号码", "手机号码", "乡镇", "村", "从何地返回", "返乡日期", "交通方式", "体温"]]
    for i in range(n):
        township, village = villages[i % 2]
        rows.append(
            [
                f"人{i}",
                testing.valid_id(),
                testing.valid_mobile(),
                township,
                village,
                "湖北武汉",
                "2020-01-28",
                "自驾",
                "36.5",
            ]
        )
    return rows


def test_the_number_of_queries_does_not_grow_with_the_rows(users, campaign, tmp_path, settings):
    """No per-row query anywhere: parsing, validation, people, screenings, audit (first import and
    re-import alike)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.FRONTLINE_TODAY = "2020-02-03"

    def queries(n):
        path = write_csv(tmp_path / f"r{n}.csv", _push_list(n))
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as ctx:
                result = run_import(
                    kind=get_kind("returnees"), path=path, actor=users["changgang_admin"], dry_run=False
                )
            assert not result.errors and result.created + result.unchanged == n
            counts.append(len(ctx.captured_queries))
        return counts

    assert queries(5) == queries(300)


@pytest.mark.parametrize("pipeline", [True, False], ids=["one pass, writer thread", "two passes"])
def test_rows_in_several_chunks_commit_together(users, campaign, tmp_path, settings, monkeypatch, pipeline):
    """Rows are committed in chunks — staged and written by a writer thread in the one-pass pipeline,
    through the sealed spool in two passes — all in the one transaction; a failure in a later chunk
    leaves nothing of the earlier ones."""
    from frontline.imports import engine
    from frontline.quarantine.services import importing

    settings.FRONTLINE_TODAY = "2020-02-03"
    monkeypatch.setattr(engine, "PIPELINE", pipeline)
    monkeypatch.setattr(engine, "COMMIT_CHUNK", 7)
    monkeypatch.setattr(engine, "PIPELINE_CHUNK", 7)
    path = write_csv(tmp_path / "r.csv", _push_list(30))
    result = run_import(kind=get_kind("returnees"), path=path, actor=users["changgang_admin"], dry_run=False)
    assert result.created == 30 and Returnee.objects.count() == 30
    assert sorted(Returnee.objects.values_list("person__name", flat=True)) == sorted(
        f"人{i}" for i in range(30)
    )

    Returnee.objects.all().delete()
    calls = []
    real = importing.returnee_import_rows

    def fail_on_the_third_chunk(**kwargs):
        calls.append(len(kwargs["rows"]))
        if len(calls) == 3:
            raise RuntimeError("worker killed")
        return real(**kwargs)

    # Without halves (no .committer) the pipeline's writer thread makes the whole call.
    monkeypatch.setattr(importing, "returnee_import_rows", fail_on_the_third_chunk)
    with pytest.raises(RuntimeError):
        run_import(kind=get_kind("returnees"), path=path, actor=users["changgang_admin"], dry_run=False)
    assert calls[:3] == [7, 7, 7] and Returnee.objects.count() == 0


def test_the_writer_thread_writes_in_the_importing_threads_transaction(
    users, campaign, tmp_path, settings, monkeypatch
):
    """The one-pass pipeline: staging on the calling thread, writing on another thread, through the
    calling thread's connection inside its transaction (so a failure rolls back every chunk)."""
    import threading

    from django.db import connection

    from frontline.imports import engine
    from frontline.quarantine.services import importing

    settings.FRONTLINE_TODAY = "2020-02-03"
    monkeypatch.setattr(engine, "PIPELINE_CHUNK", 4)
    seen = []
    real_stage, real_write = importing.ReturneeImport.stage, importing.ReturneeImport.write

    def stage(self, rows):
        seen.append(("stage", threading.get_ident(), None))
        return real_stage(self, rows)

    def write(self, staged):
        seen.append(("write", threading.get_ident(), connection.in_atomic_block))
        if len([s for s in seen if s[0] == "write"]) == 3:
            raise RuntimeError("disk full")
        return real_write(self, staged)

    monkeypatch.setattr(importing.ReturneeImport, "stage", stage)
    monkeypatch.setattr(importing.ReturneeImport, "write", write)
    path = write_csv(tmp_path / "r.csv", _push_list(30))
    with pytest.raises(RuntimeError, match="disk full"):
        run_import(kind=get_kind("returnees"), path=path, actor=users["changgang_admin"], dry_run=False)
    me = threading.get_ident()
    assert {t for step, t, _a in seen if step == "stage"} == {me}
    writers = [(t, atomic) for step, t, atomic in seen if step == "write"]
    assert len(writers) == 3 and all(t != me and atomic for t, atomic in writers)
    # The reading stopped soon after the failure (the queue holds two chunks), nothing was kept.
    assert len([s for s in seen if s[0] == "stage"]) < 30 // 4
    assert Returnee.objects.count() == 0
    assert all(t.name != "import-writer" for t in threading.enumerate())


def test_a_failure_while_reading_stops_the_writer_and_leaves_nothing(
    users, campaign, tmp_path, settings, monkeypatch
):
    import threading

    from frontline.imports import engine
    from frontline.imports.kinds import returnees

    settings.FRONTLINE_TODAY = "2020-02-03"
    monkeypatch.setattr(engine, "PIPELINE_CHUNK", 4)
    real = returnees.RETURNEES.validate
    count = []

    def validate(row, ctx):
        count.append(1)
        if len(count) == 20:
            raise MemoryError("out of memory while reading")
        return real(row, ctx)

    kind = dataclasses.replace(get_kind("returnees"), validate=validate)
    path = write_csv(tmp_path / "r.csv", _push_list(30))
    with pytest.raises(MemoryError):
        run_import(kind=kind, path=path, actor=users["changgang_admin"], dry_run=False)
    assert Returnee.objects.count() == 0
    assert all(t.name != "import-writer" for t in threading.enumerate())


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_large_import_refreshes_the_planner_statistics_on_postgresql(
    users, campaign, tmp_path, settings, monkeypatch, dry_run
):
    """Right after a bulk load PostgreSQL's statistics still describe the tables as they were: a large
    import ANALYZEs the tables it filled (not on a dry run, and never on SQLite, which has no planner
    statistics to go stale)."""
    from django.db import connection

    from frontline.imports import engine

    settings.FRONTLINE_TODAY = "2020-02-03"
    monkeypatch.setattr(engine, "ANALYZE_FROM_ROWS", 2)
    path = write_csv(tmp_path / "r.csv", _rows(testing.valid_id(), testing.valid_id()))
    seen = []

    def spy(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        result = run_import(
            kind=get_kind("returnees"), path=path, actor=users["changgang_admin"], dry_run=dry_run
        )
    assert result.created == 2
    analyzed = [sql for sql in seen if sql.startswith("ANALYZE")]
    if connection.vendor == "postgresql" and not dry_run:
        assert analyzed == ['ANALYZE "people_person", "quarantine_returnee"']
    else:
        assert analyzed == []
    monkeypatch.setattr(engine, "ANALYZE_FROM_ROWS", 3)  # two new people, below the threshold: nothing
    fresh = write_csv(tmp_path / "r2.csv", _rows(testing.valid_id(), testing.valid_id()))
    seen.clear()
    with connection.execute_wrapper(spy):
        smaller = run_import(
            kind=get_kind("returnees"), path=fresh, actor=users["changgang_admin"], dry_run=dry_run
        )
    assert smaller.created == 2 and not [sql for sql in seen if sql.startswith("ANALYZE")]
