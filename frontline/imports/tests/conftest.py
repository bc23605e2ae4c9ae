import csv
import datetime as dt

import pytest
import xlsxwriter

from frontline import testing

MEMBER_HEADERS = ["序号", "姓名", "公民身份号码", "手机号码", "乡镇", "村", "入党时间", "党员类型"]


def write_xlsx(path, rows, *, sheets=None, text_cols=()):
    """rows: list of lists written as typed values (str stays str, numbers as numbers, dates as dates)."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    for name, sheet_rows in (sheets or {}).items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(sheet_rows):
            for c, v in enumerate(row):
                ws.write(r, c, v)
    ws = wb.add_worksheet("名单")
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), date_fmt)
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write(r, c, v)
    wb.close()
    return path


def write_csv(path, rows, *, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture
def ids():
    return [testing.valid_id() for _ in range(10)]


@pytest.fixture
def mobiles():
    return [testing.valid_mobile() for _ in range(10)]


@pytest.fixture
def immediate_tasks(settings):
    """Jobs run inside enqueue() (django-tasks' ImmediateBackend); the e2e test uses the real worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
