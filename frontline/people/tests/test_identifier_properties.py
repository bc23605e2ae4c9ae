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


def _answer(parse, raw):
    """A parser's answer as a comparable value: the IdNumber, or the refusal's code and message."""
    try:
        return parse(raw)
    except ValidationError as exc:
        return (exc.code, exc.messages)


@st.composite
def id_like(draw):
    """Mostly near-valid input: valid numbers, one digit or the check digit changed, impossible birth
    dates, unknown regions, wrong lengths, separators, full-width and lower-case spellings, plus noise."""
    region = draw(st.sampled_from(["360732", "362132", "110105", "420106", "999999", "000000", "360799"]))
    y = draw(st.integers(min_value=1850, max_value=2030))
    m = draw(st.integers(min_value=0, max_value=13))
    d = draw(st.integers(min_value=0, max_value=32))
    seq = draw(st.integers(min_value=0, max_value=999))
    first17 = f"{region}{y:04d}{m:02d}{d:02d}{seq:03d}"[:17]
    check = draw(st.sampled_from(["right", "wrong", "x", "X"]))
    last = (
        id_check_digit(first17)
        if check == "right"
        else check
        if check in "xX"
        else str(draw(st.integers(0, 9)))
    )
    value = first17 + last
    form = draw(
        st.sampled_from(["plain", "plain", "lower", "spaced", "fullwidth", "cut", "longer", "tab", "noise"])
    )
    if form == "noise":
        return draw(st.text(max_size=22))
    return {
        "plain": value,
        "lower": value.lower(),
        "spaced": f" {value[:6]} {value[6:14]} {value[14:]}",
        "fullwidth": value.translate(FULLWIDTH),
        "cut": value[: draw(st.integers(0, 17))],
        "longer": value + draw(st.sampled_from(["0", "X", "00"])),
        "tab": f"\t{value}\u3000",
    }[form]


@settings(max_examples=2000, deadline=None)
@given(id_like())
def test_id_fast_path_agrees_with_the_stdnum_reference(raw):
    """parse_id_number takes a fast path for well-formed numbers; python-stdnum stays the reference:
    on any input both give the same IdNumber or the same refusal, and the fast path never accepts what
    the reference refuses."""
    from frontline.people.identifiers import _fast_id, _parse_id_number_reference

    reference = _answer(lambda r: _parse_id_number_reference(r, today=TODAY), raw)
    fast = _fast_id(raw, TODAY)
    if fast is not None:
        assert fast == reference
    assert _answer(lambda r: parse_id_number(r, today=TODAY), raw) == reference


@settings(max_examples=300, deadline=None)
@given(id_numbers())
def test_id_fast_path_takes_every_plain_valid_number(case):
    """Without this the agreement above could hold with a fast path that never answers."""
    from frontline.people.identifiers import _fast_id

    value, birth = case
    fast = _fast_id(value, TODAY)
    assert fast is not None and fast.value == value and fast.birth_date == birth
