import pytest
from django.core.exceptions import ValidationError

from frontline.care.money import format_fen, parse_yuan, yuan_number


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("1000", 100_000),
        ("1,000.50", 100_050),
        ("1000.5元", 100_050),
        ("￥ 1 000.05", 100_005),
        ("37.1万元", 37_100_000),
        ("１２３.４５", 12_345),
        ("0.01", 1),
    ],
)
def test_yuan_text_parses_to_exact_fen(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize("text", ["1000.505", "0.001", "", "abc", "-5", "0", "0.00", "1.2.3", "1e5"])
def test_bad_or_over_precise_amounts_are_refused(text):
    with pytest.raises(ValidationError):
        parse_yuan(text)


def test_floats_are_refused_because_they_cannot_hold_money():
    with pytest.raises(ValidationError):
        parse_yuan(0.1)


def test_more_than_two_decimals_message_names_the_fen():
    with pytest.raises(ValidationError) as exc:
        parse_yuan("10.123")
    assert "0.01" in str(exc.value)


def test_formatting_and_figure_numbers_are_exact():
    assert format_fen(37_100_000) == "371,000.00"
    assert format_fen(5) == "0.05"
    assert yuan_number(37_100_000) == 371000 and isinstance(yuan_number(37_100_000), int)
    assert repr(yuan_number(123_456)) == "1234.56"
