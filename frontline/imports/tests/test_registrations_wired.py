"""The registrations kind wired to the checkpoints app's real service."""

import datetime as dt

import pytest

from frontline import testing
from frontline.checkpoints.models import Checkpoint, Occupant, Registration
from frontline.imports.engine import run_import
from frontline.imports.registry import get_kind
from frontline.imports.tests.conftest import write_xlsx


@pytest.fixture
def xgwest(users):
    return Checkpoint.objects.create(
        name="泉南高速兴国西出口",
        kind="highway_exit",
        division_code=testing.GAOXING,
        active_from=dt.date(2020, 1, 20),
    )


def _sheet(tmp_path, a, b):
    rows = [
        ["卡口登记表"],
        ["卡口名称", "登记时间", "车牌号", "姓名", "身份证号", "联系电话", "体温", "出发地", "目的地"],
        [
            "泉南高速兴国西出口",
            "2020-01-28 14:30",
            "鄂A12345",
            "张三",
            a,
            "17012345678",
            "38.1",
            "武汉",
            "高兴镇",
        ],
        ["泉南高速兴国西出口", "2020-01-28 14:30", "鄂A12345", "李四", b, "", "36.5", "武汉", "高兴镇"],
        [
            "无名卡口",
            "2020-01-28 16:00",
            "赣B12345",
            "王五",
            testing.valid_id(),
            "",
            "36.4",
            "深圳",
            "高兴镇",
        ],
    ]
    return write_xlsx(tmp_path / "k.xlsx", rows)


def test_paper_sheet_becomes_registrations_with_alerts_and_reimport_changes_nothing(
    users, xgwest, tmp_path, settings
):
    settings.FRONTLINE_TODAY = "2020-02-19"
    path = _sheet(tmp_path, testing.valid_id(), testing.valid_id())
    result = run_import(
        kind=get_kind("registrations"), path=path, actor=users["gaoxing_admin"], dry_run=False
    )
    assert result.created == 2, [(e.row, e.message) for e in result.errors]
    assert [e.row for e in result.errors] == [5]
    reg = Registration.objects.get()
    assert reg.occupant_count == 2 and reg.plate == "鄂A12345"
    assert Occupant.objects.filter(is_fever=True).count() == 1
    assert {a.kind for a in reg.alerts.all()} >= {"fever"}
    again = run_import(kind=get_kind("registrations"), path=path, actor=users["gaoxing_admin"], dry_run=False)
    assert again.created == 0 and again.unchanged == 2 and Registration.objects.count() == 1


def test_other_township_cannot_import_into_this_checkpoint(users, xgwest, tmp_path, settings):
    settings.FRONTLINE_TODAY = "2020-02-19"
    path = _sheet(tmp_path, testing.valid_id(), testing.valid_id())
    result = run_import(
        kind=get_kind("registrations"), path=path, actor=users["junchun_admin"], dry_run=False
    )
    assert result.created == 0 and Registration.objects.count() == 0
    assert {e.row for e in result.errors} == {3, 4, 5}
