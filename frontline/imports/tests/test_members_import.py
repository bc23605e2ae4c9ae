import datetime as dt
import json

import pytest
from django.core.management import call_command

from frontline import testing
from frontline.audit.models import AuditEvent
from frontline.imports.engine import run_import
from frontline.imports.registry import get_kind
from frontline.people.models import Membership, Person
from frontline.people.protection import id_hash

from .conftest import MEMBER_HEADERS, write_csv, write_xlsx

pytestmark = pytest.mark.django_db


def x_ending_id():
    # Born well before the 2001-07-01 joining date messy_rows gives it: a random birth date could fall
    # after it, and the row would (rightly) be refused — the test then failed depending on test order.
    while not (value := testing.valid_id(birth=dt.date(1975, 3, 14))).endswith("X"):
        pass
    return value


def kind():
    return get_kind("members")


def messy_rows(ids, mobiles):
    """A township's roster as it really comes: title, 填报单位, header variants, full-width digits,
    spaces inside numbers, lower-case x, +86 phones, a blank row, a 合计 row and a signature line."""
    x_id = x_ending_id()
    return [
        ["长冈乡党员花名册（2020年2月）"],
        ["填报单位：长冈乡党委", None, None, None, "填报日期：2020年2月18日"],
        MEMBER_HEADERS,
        [1, "张 三", ids[0], "+86 " + mobiles[0], "长冈乡", "园塘村", "2010-07-01", "正式"],
        [
            2,
            "李四",
            ids[1][:6] + " " + ids[1][6:14] + " " + ids[1][14:],
            mobiles[1][:3] + "-" + mobiles[1][3:],
            "长冈",
            "塘石",
            "2012/7/1",
            "预备",
        ],
        [None, None, None, None, None, None, None, None],
        [
            3,
            "王五",
            "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in ids[2]),
            mobiles[2],
            "长冈乡",
            "",
            "2015年7月1日",
            "",
        ],
        [4, "赵六", x_id.lower(), mobiles[3], "长冈乡", "园塘村", dt.date(2001, 7, 1), "正式党员"],
        ["合计", "4人"],
        ["填表人：李良", None, None, "审核人：王姝"],
    ]


def test_messy_xlsx_imports_every_real_row_and_skips_title_blank_total_and_footer(
    users, tmp_path, ids, mobiles
):
    path = write_xlsx(tmp_path / "m.xlsx", messy_rows(ids, mobiles), sheets={"说明": [["请按模板填写"]]})
    result = run_import(kind=kind(), path=path, actor=users["changgang_admin"], dry_run=False)
    assert result.errors == []
    assert (result.rows, result.created, result.updated, result.unchanged) == (4, 4, 0, 0)
    zhang = Person.objects.get(id_hash=id_hash(ids[0]))
    assert zhang.name == "张三" and zhang.division_code == testing.YUANTANG
    assert zhang.phone_masked == mobiles[0][:3] + "****" + mobiles[0][-4:]
    li = Membership.objects.get(person__id_hash=id_hash(ids[1]))
    assert li.kind == "probationary" and li.division_code == testing.TANGSHI
    assert li.joined_on == dt.date(2012, 7, 1)
    wang = Membership.objects.get(person__id_hash=id_hash(ids[2]))
    # A row naming only the township lands at the township (its party committee).
    assert wang.division_code == testing.CHANGGANG and wang.organization.kind == "township_committee"


def test_reimporting_the_same_file_changes_nothing(users, tmp_path, ids, mobiles):
    path = write_xlsx(tmp_path / "m.xlsx", messy_rows(ids, mobiles))
    run_import(kind=kind(), path=path, actor=users["changgang_admin"], dry_run=False)
    counts = (Person.objects.count(), Membership.objects.count())
    again = run_import(kind=kind(), path=path, actor=users["changgang_admin"], dry_run=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert (Person.objects.count(), Membership.objects.count()) == counts


def test_dry_run_writes_nothing_but_counts_what_would_happen(users, tmp_path, ids, mobiles):
    path = write_xlsx(tmp_path / "m.xlsx", messy_rows(ids, mobiles))
    events = AuditEvent.objects.count()
    result = run_import(kind=kind(), path=path, actor=users["changgang_admin"], dry_run=True)
    assert result.created == 4
    assert Person.objects.count() == 0 and Membership.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_one_audit_event_per_import_with_counts_and_ids(users, tmp_path, ids, mobiles):
    path = write_xlsx(tmp_path / "m.xlsx", messy_rows(ids, mobiles))
    run_import(kind=kind(), path=path, actor=users["changgang_admin"], dry_run=False)
    event = AuditEvent.objects.get(action="import")
    assert event.count == 4 and event.detail["created"] == 4 and len(event.detail["ids"]) == 4
    assert event.object_type == "imports.members"


def test_row_refusals_name_row_column_and_reason(users, tmp_path, ids, mobiles):
    bad_check = ids[4][:17] + ("0" if ids[4][17] != "0" else "1")
    rows = [
        MEMBER_HEADERS,
        [1, "甲", 360732199001011234, mobiles[0], "长冈乡", "园塘村", "", ""],  # number: digits destroyed
        [2, "乙", bad_check, mobiles[1], "长冈乡", "园塘村", "", ""],
        [3, "丙", ids[5], "1234567", "长冈乡", "园塘村", "", ""],
        [4, "", ids[6], mobiles[3], "长冈乡", "园塘村", "", ""],
        [5, "丁", ids[7], mobiles[4], "长冈乡", "不存在村", "", ""],
        [6, "戊", ids[8], mobiles[5], "高兴镇", "水头村", "", ""],  # outside 长冈乡
        [7, "己", ids[9], mobiles[6], "长冈乡", "园塘村", "", ""],
        [8, "己", ids[9], mobiles[6], "长冈乡", "园塘村", "", ""],
        [9, "庚", ids[0][:6] + "20201301" + ids[0][14:], mobiles[7], "长冈乡", "园塘村", "", ""],
    ]
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    result = run_import(kind=kind(), path=path, actor=users["changgang_admin"], dry_run=False)
    by_row = {}
    for e in result.errors:
        by_row.setdefault(e.row, []).append(e)
    assert result.created == 1  # row 8 only
    assert "Excel" in by_row[2][0].message and "文本" in by_row[2][0].message
    assert by_row[2][0].column == "公民身份号码"
    assert "校验" in by_row[3][0].message
    assert by_row[4][0].column == "手机号码"
    assert by_row[5][0].column == "姓名"
    assert "不存在村" in by_row[6][0].message and by_row[6][0].column == "村"
    assert "管辖" in by_row[7][0].message
    assert "与第8行重复" in by_row[9][0].message
    assert "出生日期" in by_row[10][0].message
    assert [r for r, _c, _m in result.bad_rows] == [2, 3, 4, 5, 6, 7, 9, 10]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_csv_in_utf8_with_or_without_bom_and_gb18030(users, tmp_path, ids, mobiles, encoding):
    rows = [
        ["党员名册"],
        ["姓名", "身份证号码", "联系电话", "乡镇", "村（社区）"],
        ["张三", ids[0], mobiles[0], "长冈乡", "园塘村"],
    ]
    path = write_csv(tmp_path / "m.csv", rows, encoding=encoding)
    result = run_import(kind=kind(), path=path, actor=users["yuantang_secretary"], dry_run=False)
    assert result.errors == [] and result.created == 1
    assert Person.objects.get().name == "张三"


def test_village_secretary_rows_without_place_land_in_own_village(users, tmp_path, ids, mobiles):
    path = write_csv(tmp_path / "m.csv", [["名字", "身份证号"], ["张三", ids[0]]])
    run_import(kind=kind(), path=path, actor=users["yuantang_secretary"], dry_run=False)
    assert Membership.objects.get().division_code == testing.YUANTANG


def test_village_secretary_cannot_import_into_neighbour_village(users, tmp_path, ids):
    path = write_csv(tmp_path / "m.csv", [["姓名", "身份证号", "村"], ["张三", ids[0], "塘石村"]])
    result = run_import(kind=kind(), path=path, actor=users["yuantang_secretary"], dry_run=False)
    assert result.created == 0 and "管辖" in result.errors[0].message
    assert Person.objects.count() == 0


def test_cli_json_contract(users, tmp_path, ids, mobiles, capsys):
    path = write_xlsx(tmp_path / "m.xlsx", messy_rows(ids, mobiles) + [[9, "", ids[9]]])
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_sheet", "members", str(path), "--as", "changgang_admin", "--json", "--dry-run")
        raise SystemExit(0)
    assert exit_info.value.code == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"rows", "created", "updated", "unchanged", "errors", "dry_run"}
    assert out["dry_run"] is True and out["rows"] == 5 and out["created"] == 4
    assert out["errors"] == [{"row": 11, "column": "姓名", "message": "姓名为必填项。"}]


@pytest.mark.parametrize("kind_name", ["nonsense"])
def test_cli_refuses_unavailable_kinds_with_exit_2(users, tmp_path, ids, capsys, kind_name):
    path = write_csv(tmp_path / "m.csv", [["姓名", "身份证号"], ["张三", ids[0]]])
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_sheet", kind_name, str(path), "--as", "county_admin", "--json")
    assert exit_info.value.code == 2
    assert json.loads(capsys.readouterr().out)["error"]


def test_cli_refuses_a_file_that_is_not_a_spreadsheet(users, tmp_path, capsys):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"%PDF-1.4\x00\x01binary")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_sheet", "members", str(path), "--as", "county_admin", "--json")
    assert exit_info.value.code == 2
    assert "电子表格" in json.loads(capsys.readouterr().out)["error"]
