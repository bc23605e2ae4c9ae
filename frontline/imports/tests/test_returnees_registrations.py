"""The file side of the returnee and registration kinds, and their adapters' contract, through
stand-in services (the real ones live in the quarantine and checkpoints apps)."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from frontline import testing
from frontline.imports.engine import run_import
from frontline.imports.kinds import registrations, returnees
from frontline.imports.registry import get_kind

from . import fake_services
from .conftest import write_csv, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def services(monkeypatch, settings):
    settings.FRONTLINE_TODAY = "2020-02-19"
    fake_services.RECEIVED.clear()
    monkeypatch.setattr(
        returnees, "RETURNEE_SERVICE", "frontline.imports.tests.fake_services.returnee_bulk_screen"
    )
    monkeypatch.setattr(
        registrations,
        "REGISTRATION_SERVICE",
        "frontline.imports.tests.fake_services.registration_bulk_create",
    )
    return fake_services.RECEIVED


def test_returnee_list_from_chinese_windows_excel_as_gb18030_csv(users, tmp_path, services):
    ids = [testing.valid_id() for _ in range(3)]
    rows = [
        ["长冈乡返乡人员摸排登记表"],
        ["填报单位（盖章）：长冈乡人民政府", "", "", "填报时间：2月18日"],
        [
            "序号",
            "姓名",
            "性别",
            "身份证号",
            "手机号码",
            "乡镇",
            "村",
            "返乡来源地",
            "返乡日期",
            "交通方式",
            "车次/航班",
            "是否途经湖北",
            "体温(℃)",
            "有无发热咳嗽",
            "备注",
        ],
        [
            "1",
            "张三",
            "男",
            ids[0],
            "139 7070 1234",
            "长冈乡",
            "园塘村",
            "湖北武汉",
            "1月22日",
            "火车",
            "G1234",
            "是",
            "36.8℃",
            "否",
            "",
        ],
        [
            "2",
            "李四",
            "女",
            ids[1],
            "+86-13970701235",
            "长冈",
            "塘石",
            "广东东莞",
            "2020.1.25",
            "自驾",
            "赣b 12345",
            "否",
            "36.5",
            "无",
            "=1+2",
        ],
        ["3", "王五", "男", ids[2], "", "长冈乡", "", "浙江温州", "2020年2月30日", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["合计", "3人"],
    ]
    path = write_csv(tmp_path / "r.csv", rows, encoding="gb18030")
    result = run_import(kind=get_kind("returnees"), path=path, actor=users["changgang_admin"], dry_run=False)
    assert result.rows == 3 and [e.row for e in result.errors] == [6]
    assert "日期不存在" in result.errors[0].message and result.errors[0].column == "返乡日期"
    (_kind, got, dry_run) = services[0]
    assert dry_run is False and len(got) == 2
    zhang, li = got
    assert zhang["returned_on"] == dt.date(2020, 1, 22)  # year from the demo day
    assert zhang["division_code"] == testing.YUANTANG and zhang["mobile"] == "13970701234"
    assert (
        zhang["via_hubei"] is True and zhang["temperature"] == Decimal("36.8") and zhang["symptoms"] is False
    )
    assert li["division_code"] == testing.TANGSHI and li["id_number"].value == ids[1]
    assert li["note"] == "=1+2" and li["trip"] == "赣b 12345"
    assert (result.created, result.unchanged) == (1, 1)


def test_returnees_out_of_jurisdiction_and_future_dates_refused(users, tmp_path, services):
    ids = [testing.valid_id() for _ in range(2)]
    rows = [
        ["姓名", "身份证号码", "村", "从何地返回", "返乡时间"],
        ["甲", ids[0], "塘石村", "湖北武汉", "2020-01-28"],
        ["乙", ids[1], "园塘村", "湖北武汉", "2020-03-01"],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", rows)
    result = run_import(
        kind=get_kind("returnees"), path=path, actor=users["yuantang_secretary"], dry_run=True
    )
    assert [(e.row, e.column) for e in result.errors] == [(2, "村"), (3, "返乡时间")]
    assert "管辖" in result.errors[0].message
    assert services == []  # nothing valid: the service is not called


def test_registrations_typed_from_paper_with_commit_errors_by_row(users, tmp_path, services):
    rows = [
        ["卡口登记表（2020年1月28日）"],
        ["卡口名称", "登记时间", "车牌号", "姓名", "身份证号", "联系电话", "体温", "出发地", "目的地"],
        [
            "泉南高速兴国西出口",
            "2020-01-28 14:30",
            "赣B12345",
            "张三",
            testing.valid_id(),
            "",
            "36.6",
            "深圳",
            "高兴镇",
        ],
        [
            "泉南高速兴国西出口",
            "2020年1月28日 15时05分",
            "粤B 88888",
            "李四",
            "",
            testing.valid_mobile(),
            "37.5",
            "",
            "",
        ],
        ["无名卡口", "2020-01-28 16:00", "", "王五", "", testing.valid_mobile(), "36.4", "", ""],
        [
            "泉南高速兴国西出口",
            "2020-01-28 16:10",
            "12345",
            "赵六",
            "",
            testing.valid_mobile(),
            "36.4",
            "",
            "",
        ],
        ["泉南高速兴国西出口", "2020-01-28 16:20", "赣B12346", "钱七", "", "", "36.4", "", ""],
    ]
    path = write_xlsx(tmp_path / "k.xlsx", rows)
    result = run_import(kind=get_kind("registrations"), path=path, actor=users["xgwest_duty"], dry_run=False)
    got = services[0][1]
    assert [r["at"] for r in got[:2]] == [dt.datetime(2020, 1, 28, 14, 30), dt.datetime(2020, 1, 28, 15, 5)]
    assert got[1]["plate"] == "粤B88888" and got[1]["temperature"] == Decimal("37.5")
    errors = {(e.row, e.column): e.message for e in result.errors}
    assert "卡口" in errors[(5, None)]
    assert (6, "车牌号") in errors and (7, "身份证号") in errors


def test_cli_returnees_json_when_the_service_exists(users, tmp_path, capsys):
    path = write_csv(
        tmp_path / "r.csv",
        [
            ["姓名", "身份证号码", "村", "从何地返回", "返乡时间"],
            ["甲", testing.valid_id(), "园塘村", "湖北武汉", "2020-01-28"],
        ],
    )
    with pytest.raises(SystemExit) as info:
        call_command(
            "import_sheet", "returnees", str(path), "--as", "yuantang_secretary", "--json", "--dry-run"
        )
        raise SystemExit(0)
    assert info.value.code == 0
    assert json.loads(capsys.readouterr().out)["dry_run"] is True
