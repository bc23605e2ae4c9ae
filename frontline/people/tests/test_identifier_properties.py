"""Properties of the identifier parsers over generated input (hypothesis): valid numbers in any
accepted spelling parse to the same canonical value; anything else is refused with a ValidationError,
never another exception."""

import contextlib
import datetime as dt

from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from frontline.people.identifiers import (
    id_check_digit,
    mask_id,
    mask_phone,
    parse_id_number,
    parse_mobile,
)

FULLWIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
TODAY = dt.date(2020, 2, 19)


@st.composite
def id_numbers(draw):
    region = draw(st.sampled_from(["360732", "362132", "110105", "420106"]))
    birth = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY))
    seq = draw(st.integers(min_value=0, max_value=999))
    first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_digit(first17), birth


@settings(max_examples=300, deadline=None)
@given(id_numbers(), st.sampled_from(["plain", "lower", "spaced", "fullwidth"]))
def test_valid_ids_parse_in_every_spelling(case, spelling):
    value, birth = case
    raw = {
        "plain": value,
        "lower": value.lower(),
        "spaced": f" {value[:6]} {value[6:14]} {value[14:]} ",
        "fullwidth": value.translate(FULLWIDTH),
    }[spelling]
    idn = parse_id_number(raw, today=TODAY)
    assert idn.value == value and idn.birth_date == birth
    assert idn.gender == ("M" if int(value[16]) % 2 else "F")
    masked = mask_id(value)
    assert len(masked) == 18 and masked[-4:] == value[-4:] and value[6:14] not in masked[3:14]


@settings(max_examples=300, deadline=None)
@given(id_numbers(), st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_any_single_digit_change_is_caught(case, position, delta):
    value, _ = case
    changed = value[:position] + str((int(value[position]) + delta) % 10) + value[position + 1 :]
    try:
        parsed = parse_id_number(changed, today=TODAY)
    except ValidationError:
        return
    # MOD 11-2 catches every single-digit substitution: reaching here means it did not change.
    assert parsed.value == value


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_arbitrary_text_never_crashes_the_id_parser(text):
    with contextlib.suppress(ValidationError):
        parse_id_number(text, today=TODAY)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["13", "15", "17", "18", "19"]),
    st.integers(min_value=0, max_value=10**9 - 1),
    st.sampled_from(["{}", "+86 {}", "0086-{}", "+86-{}"]),
)
def test_mobile_spellings(prefix, rest, template):
    number = f"{prefix}{rest:09d}"
    try:
        canonical = parse_mobile(number)
    except ValidationError:
        return  # a prefix block phonenumbers does not allocate
    assert parse_mobile(template.format(number)) == canonical == number
    assert mask_phone(number) == number[:3] + "****" + number[-4:]


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=25))
def test_arbitrary_text_never_crashes_the_mobile_parser(text):
    with contextlib.suppress(ValidationError):
        parse_mobile(text)
