import datetime as dt
import struct
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from frontline.imports import parsers
from frontline.imports.reader import FileRefused, check_zip, open_sheets, sniff

from .conftest import write_csv, write_xlsx

TODAY = dt.date(2020, 2, 19)


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("2020-01-28", dt.date(2020, 1, 28)),
        ("2020/1/28", dt.date(2020, 1, 28)),
        ("2020.1.28", dt.date(2020, 1, 28)),
        ("2020年1月28日", dt.date(2020, 1, 28)),
        ("２０２０年１月２８日", dt.date(2020, 1, 28)),
        ("20200128", dt.date(2020, 1, 28)),
        ("2020-01-28 14:30", dt.date(2020, 1, 28)),
        (43858, dt.date(2020, 1, 28)),  # an Excel serial in a General-formatted cell
        (43858.0, dt.date(2020, 1, 28)),
        ("43858", dt.date(2020, 1, 28)),
        (dt.datetime(2020, 1, 28, 9, 0), dt.date(2020, 1, 28)),
        ("1月28日", dt.date(2020, 1, 28)),  # year from the business day
        ("12月30日", dt.date(2019, 12, 30)),  # a year-less date in the future is last year's
        ("1-28", dt.date(2020, 1, 28)),
    ],
)
def test_dates_in_every_form_cadres_type(raw, expected):
    assert parsers.date(raw, today=TODAY) == expected


@pytest.mark.parametrize("raw", ["2020-02-30", "昨天", "28/01", True, 12])
def test_impossible_or_unreadable_dates_are_refused(raw):
    with pytest.raises(ValidationError):
        parsers.date(raw, today=TODAY)


@pytest.mark.parametrize(
    "raw", ["+86 138 0013 8000", "138-0013-8000", "0086 13800138000", "１３８００１３８０００", 13800138000.0]
)
def test_mobiles_with_country_code_spaces_dashes_full_width(raw):
    assert parsers.mobile(raw) == "13800138000"


def test_id_with_a_leading_apostrophe_or_tab_is_read():
    from frontline.testing import valid_id

    value = valid_id()
    assert parsers.id_number("'" + value, today=TODAY).value == value
    assert parsers.id_number("\t" + value, today=TODAY).value == value
    assert parsers.mobile("'13800138000") == "13800138000"


def test_id_stored_as_number_says_excel_destroyed_it_and_how_to_fix():
    for raw in (360732199001011000, 3.60732199001011e17, "3.60732E+17"):
        with pytest.raises(ValidationError) as info:
            parsers.id_number(raw, today=TODAY)
        assert info.value.code == "id_as_number"


def test_id_ending_000_with_bad_check_digit_points_at_excel():
    with pytest.raises(ValidationError) as info:
        parsers.id_number("360732199001011000", today=TODAY)
    assert info.value.code == "id_as_number"


def test_moment_plate_temperature_yes_no():
    assert parsers.moment("2020年1月28日 14时30分", today=TODAY) == dt.datetime(2020, 1, 28, 14, 30)
    assert parsers.moment("2020-01-28 8:05", today=TODAY) == dt.datetime(2020, 1, 28, 8, 5)
    assert parsers.plate("赣b 12345") == "赣B12345"
    assert parsers.temperature("36.5℃") == Decimal("36.5")
    assert parsers.yes_no("√") is True and parsers.yes_no("否") is False
    for bad in (
        lambda: parsers.plate("12345"),
        lambda: parsers.temperature("45"),
        lambda: parsers.yes_no("也许"),
    ):
        with pytest.raises(ValidationError):
            bad()


def test_text_keeps_formula_like_text_as_text():
    assert parsers.text('=HYPERLINK("http://x")') == '=HYPERLINK("http://x")'


def test_a_file_that_is_not_a_spreadsheet_is_refused(tmp_path):
    for content in (b"%PDF-1.4\n\x00\x00\x01\x02", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"):
        path = tmp_path / "a.xlsx"
        path.write_bytes(content)
        with pytest.raises(FileRefused):
            list(open_sheets(path))


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(FileRefused):
        list(open_sheets(path))


def test_empty_and_oversized_files_are_refused(tmp_path, settings):
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    with pytest.raises(FileRefused):
        sniff(empty)
    settings.FRONTLINE_IMPORT_MAX_FILE_BYTES = 100
    big = write_csv(tmp_path / "b.csv", [["姓名", "身份证号"]] + [["张三", "1" * 18]] * 20)
    with pytest.raises(FileRefused):
        sniff(big)


def _bomb(path, size_mb):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size_mb):
                member.write(chunk)
    return path


def test_zip_bomb_refused_from_its_directory_before_decompressing(tmp_path):
    path = _bomb(tmp_path / "bomb.xlsx", 60)  # 60 MB of zeros, ~60 KB on disk: ratio ~1000
    tracemalloc.start()
    with pytest.raises(FileRefused) as info:
        list(open_sheets(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "压缩炸弹" in str(info.value)
    assert peak < 2 * 1024 * 1024  # nothing was inflated


def test_zip_bomb_whose_directory_lies_about_sizes_is_still_refused_with_bounded_memory(tmp_path):
    path = _bomb(tmp_path / "liar.xlsx", 40)
    data = bytearray(path.read_bytes())
    # Rewrite the declared uncompressed size of the sheet (local header and central directory) to 4 KB.
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (i := data.find(sig, start)) != -1:
            name_len_at = i + (26 if sig == b"PK\x03\x04" else 28)
            name_len = struct.unpack("<H", data[name_len_at : name_len_at + 2])[0]
            name_at = i + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at : name_at + name_len] == b"xl/worksheets/sheet1.xml":
                data[i + offset : i + offset + 4] = struct.pack("<I", 4096)
            start = i + 4
    path.write_bytes(bytes(data))
    tracemalloc.start()
    with pytest.raises(FileRefused):
        check_zip(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2 * 1024 * 1024


def test_total_declared_size_over_the_limit_is_refused(tmp_path, settings):
    settings.FRONTLINE_IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    rows = [["姓名", "身份证号"]] + [[f"人{i}", f"{i:018d}"] for i in range(40000)]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    with pytest.raises(FileRefused):
        check_zip(path)


def test_rows_keep_spreadsheet_numbers_even_below_empty_top_rows(tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [[None], [None], [None, "姓名", "身份证号"], [None, "张三", "x"]])
    sheet = [s for s in open_sheets(path) if s.name == "名单"][0]
    numbered = {n: cells for n, cells in sheet.rows}
    assert numbered[3][1] == "姓名" and numbered[4][1] == "张三"


@settings(max_examples=400, deadline=None)
@given(st.from_regex(r"1[0-9]{10}", fullmatch=True))
def test_cached_mobile_check_agrees_with_parse_mobile(number):
    from frontline.people.identifiers import parse_mobile

    try:
        expected = parse_mobile(number)
    except ValidationError:
        expected = None
    try:
        got = parsers.mobile(number)
    except ValidationError:
        got = None
    assert got == expected


@settings(max_examples=1500, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from("合计总数小共（）()【】[]*＊:： 　\t张三李四"),
            st.characters(min_codepoint=0x2F00, max_codepoint=0x2FDF),  # Kangxi radicals: ⼩ → 小
            st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),  # CJK compatibility ideographs
            st.characters(min_codepoint=0x3200, max_codepoint=0x33FF),  # enclosed CJK: ㊀ ㈱ …
            st.characters(),
        ),
        max_size=8,
    )
)
@example("⼩计")  # a Kangxi radical NFKC turns into 小
@example("（一）合 计")
@example("总数：")
def test_the_total_row_shortcut_never_misses_a_total(value):
    """is_total_or_note skips normalizing cells that cannot be a 合计/总计 label; never wrongly."""
    from frontline.imports.headers import TOTAL_WORDS, _may_be_total, norm_header

    assert _may_be_total(value) or not norm_header(value).startswith(TOTAL_WORDS)


def test_a_big_import_commits_with_a_larger_sqlite_page_cache_then_puts_it_back(users, tmp_path, monkeypatch):
    from django.db import connection

    from frontline.imports import engine
    from frontline.imports.registry import get_kind

    from .conftest import MEMBER_HEADERS

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting; PostgreSQL is left alone")
    monkeypatch.setattr(engine, "PAGE_CACHE_FROM_ROWS", 1)
    with connection.cursor() as cursor:
        before = cursor.execute("PRAGMA cache_size").fetchone()[0]
    during = []

    def before_commit(result):
        with connection.cursor() as cursor:
            during.append(cursor.execute("PRAGMA cache_size").fetchone()[0])

    from frontline import testing

    path = write_csv(
        tmp_path / "m.csv", [MEMBER_HEADERS, [1, "张三", testing.valid_id(), "", "长冈乡", "园塘村", "", ""]]
    )
    result = engine.run_import(
        kind=get_kind("members"),
        path=path,
        actor=users["changgang_admin"],
        dry_run=False,
        before_commit=before_commit,
    )
    assert result.created == 1 and during == [-engine.PAGE_CACHE_KIB]
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA cache_size").fetchone()[0] == before
    # A dry run ends its transaction in a rollback, and so does a failing commit: put back all the same.
    dry = engine.run_import(kind=get_kind("members"), path=path, actor=users["changgang_admin"], dry_run=True)
    assert dry.created == 0 and dry.unchanged == 1

    def fail(result):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        engine.run_import(
            kind=get_kind("members"),
            path=path,
            actor=users["changgang_admin"],
            dry_run=False,
            before_commit=fail,
        )
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA cache_size").fetchone()[0] == before


def test_rows_made_on_demand_equal_calamines_whole_sheet(tmp_path):
    """Sheet rows come from iter_rows() (no Python copy of the whole sheet); they must be what
    to_python(skip_empty_area=False) gives: same numbers, same cells, empty leading columns kept."""
    from python_calamine import load_workbook

    rows = [[None], [None, None, None], [None, None, "姓名", "身份证号"], [None, None, "张三", "x", 3.5]]
    rows += [[None, None, f"人{i}", f"{i}", i] for i in range(40)]
    path = write_xlsx(tmp_path / "off.xlsx", rows)
    sheet = [s for s in open_sheets(path) if s.name == "名单"][0]
    whole = load_workbook(str(path)).get_sheet_by_name("名单").to_python(skip_empty_area=False)
    assert sheet.rows == list(enumerate(whole, start=1))
    assert sheet.total == len(whole) and sheet.head == sheet.rows[:30]
    assert list(sheet.iter_from(40)) == sheet.rows[40:]
