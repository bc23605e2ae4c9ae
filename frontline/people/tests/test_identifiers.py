import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from frontline.people.identifiers import mask_id, mask_phone, parse_id_number, parse_mobile
from frontline.testing import valid_id

GOOD = "11010519491231002X"  # the GB 11643 standard's own example


def test_valid_id_gives_birth_date_and_gender():
    idn = parse_id_number(GOOD)
    assert idn.value == GOOD and idn.birth_date == dt.date(1949, 12, 31) and idn.gender == "F"


@pytest.mark.parametrize(
    "raw", ["11010519491231002x", " 110105 19491231 002X ", "１１０１０５１９４９１２３１００２Ｘ"]
)
def test_id_is_normalized(raw):
    assert parse_id_number(raw).value == GOOD


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("110105194912310021", "id_checksum"),
        ("110105194913310029", "id_birth_date"),
        ("11010519491231002", "id_length"),
        ("1101051949123100AX", "id_format"),
        ("3.60732E+17", "id_as_number"),
        ("", "id_required"),
    ],
)
def test_bad_ids_are_refused_with_a_reason(raw, code):
    with pytest.raises(ValidationError) as exc:
        parse_id_number(raw)
    assert exc.value.code == code


def test_future_birth_date_is_refused():
    with pytest.raises(ValidationError):
        parse_id_number(valid_id(birth=dt.date(2030, 1, 1)), today=dt.date(2020, 2, 19))


def test_unknown_region_is_a_warning_not_a_refusal():
    from frontline.people.identifiers import id_check_digit

    first17 = "99999919800101001"
    idn = parse_id_number(first17 + id_check_digit(first17))
    assert idn.region_known is False and idn.warnings


def test_old_ganzhou_prefix_is_known():
    from frontline.people.identifiers import id_check_digit

    first17 = "36213219700101001"
    assert parse_id_number(first17 + id_check_digit(first17)).region_known


def test_messages_are_chinese_by_default_and_english_on_request():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as zh:
        parse_id_number("110105194912310021")
    with translation.override("zh-hans"):
        assert "校验" in str(zh.value.messages[0])
    with translation.override("en"):
        assert "check digit" in str(zh.value.messages[0])


@pytest.mark.parametrize(
    "raw", ["13812345678", "+86 138 1234 5678", "0086-138-1234-5678", "１３８１２３４５６７８"]
)
def test_mobile_forms(raw):
    assert parse_mobile(raw) == "13812345678"


@pytest.mark.parametrize("raw", ["12345678901", "1381234567", "07978888888", "abc"])
def test_bad_mobiles(raw):
    with pytest.raises(ValidationError):
        parse_mobile(raw)


def test_masks_hide_birth_date_and_middle_of_phone():
    assert mask_id(GOOD) == "110***********002X"
    assert "19491231" not in mask_id(GOOD)
    assert mask_phone("13812345678") == "138****5678"
