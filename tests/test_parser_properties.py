"""Hypothesis properties of the plate and spreadsheet-date parsers (ID numbers and mobiles are in
frontline/people/tests/test_identifier_properties.py): valid input in any accepted spelling parses to
one canonical value; anything else is refused with a ValidationError, never another exception."""

import contextlib
import datetime as dt

from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.checkpoints.plates import PROVINCES, parse_plate
from frontline.imports import parsers

LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
ALNUM = LETTERS + "0123456789"
FULLWIDTH = str.maketrans(ALNUM, "".join(chr(ord(c) + 0xFEE0) for c in ALNUM))


@st.composite
def plates(draw):
    province = draw(st.sampled_from(sorted(PROVINCES)))
    city = draw(st.sampled_from(LETTERS))
    kind = draw(st.sampled_from(["ordinary", "nev_small", "nev_large"]))
    if kind == "ordinary":
        rest = "".join(draw(st.sampled_from(ALNUM)) for _ in range(5))
    elif kind == "nev_small":
        rest = (
            draw(st.sampled_from("DF")) + draw(st.sampled_from(ALNUM)) + f"{draw(st.integers(0, 9999)):04d}"
        )
    else:
        rest = f"{draw(st.integers(0, 99999)):05d}" + draw(st.sampled_from("DF"))
    return province + city + rest, PROVINCES[province][0], kind


@settings(max_examples=400, deadline=None)
@given(plates(), st.sampled_from(["plain", "lower", "spaced", "dotted", "fullwidth"]))
def test_valid_plates_parse_in_every_spelling(case, spelling):
    value, province_code, kind = case
    raw = {
        "plain": value,
        "lower": value.lower(),
        "spaced": f" {value[:2]} {value[2:]} ",
        "dotted": f"{value[:2]}·{value[2:]}",
        "fullwidth": value[0] + value[1:].translate(FULLWIDTH),
    }[spelling]
    plate = parse_plate(raw)
    assert plate.value == value and plate.province_code == province_code
    assert plate.kind == ("ordinary" if kind == "ordinary" else "new_energy")


@settings(max_examples=600, deadline=None)
@given(st.text(max_size=12))
def test_arbitrary_text_never_crashes_the_plate_parser(text):
    with contextlib.suppress(ValidationError):
        parse_plate(text)


TODAY = dt.date(2020, 2, 19)


@settings(max_examples=400, deadline=None)
@given(
    st.dates(min_value=dt.date(2019, 1, 1), max_value=TODAY),
    st.sampled_from(
        [
            "{d:%Y-%m-%d}",
            "{d.year}/{d.month}/{d.day}",
            "{d.year}.{d.month}.{d.day}",
            "{d.year}年{d.month}月{d.day}日",
            "{d:%Y%m%d}",
            "excel",
            "datetime",
        ]
    ),
)
def test_spreadsheet_dates_in_every_usual_spelling(day, spelling):
    if spelling == "excel":
        raw = float((day - dt.date(1899, 12, 30)).days)  # an Excel serial as calamine may hand it over
    elif spelling == "datetime":
        raw = dt.datetime.combine(day, dt.time())
    else:
        raw = spelling.format(d=day)
    assert parsers.date(raw, today=TODAY) == day


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.text(max_size=20), st.floats(allow_nan=True), st.integers()))
def test_arbitrary_cells_never_crash_the_date_parser(value):
    with contextlib.suppress(ValidationError):
        parsers.date(value, today=TODAY)
