import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from frontline.checkpoints.plates import PROVINCES, normalize_plate, parse_plate, province_of_plate


@pytest.mark.parametrize(
    "raw,value,kind",
    [
        ("赣B12345", "赣B12345", "ordinary"),
        ("鄂A·8B3C9", "鄂A8B3C9", "ordinary"),
        ("粤BD12345", "粤BD12345", "new_energy"),
        ("粤BFA1234", "粤BFA1234", "new_energy"),
        ("粤B12345D", "粤B12345D", "new_energy"),
        ("赣B1234学", "赣B1234学", "special"),
        ("粤Z1234港", "粤Z1234港", "special"),
        ("赣B0001警", "赣B0001警", "special"),
        ("沪A1234领", "沪A1234领", "special"),
        ("使014578", "使014578", "embassy"),
    ],
)
def test_valid_plates_are_recognised(raw, value, kind):
    plate = parse_plate(raw)
    assert (plate.value, plate.kind) == (value, kind)


def test_normalization_handles_full_width_spaces_lower_case_and_middle_dot():
    assert normalize_plate(" 赣ｂ １２３ ４５ ") == "赣B12345"
    assert normalize_plate("鄂a·12345") == "鄂A12345"
    assert parse_plate("粤bd-12345").value == "粤BD12345"


def test_all_31_mainland_provinces_decode():
    assert len(PROVINCES) == 31
    assert set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼") == set(PROVINCES)
    assert province_of_plate("鄂A12345") == ("42", "湖北")
    assert parse_plate("赣B12345").province_name == "江西"
    assert parse_plate("新A12345").province_code == "65"


@pytest.mark.parametrize(
    "raw,code",
    [
        ("", "plate_required"),
        ("港B12345", "plate_province"),
        ("AB12345", "plate_province"),
        ("赣BI2345", "plate_io"),
        ("赣B1O345", "plate_io"),
        ("赣B1234", "plate_length"),
        ("赣B123456789", "plate_length"),
        ("粤BA12345", "plate_new_energy"),
        ("赣B1234$", "plate_format"),
    ],
)
def test_bad_plates_are_refused_with_a_reason(raw, code):
    with pytest.raises(ValidationError) as exc:
        parse_plate(raw)
    assert exc.value.code == code


def test_plate_messages_are_chinese_by_default_and_english_on_request():
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as exc:
            parse_plate("赣BI2345")
        assert "字母" in exc.value.messages[0]
    with translation.override("en"):
        with pytest.raises(ValidationError) as exc:
            parse_plate("赣BI2345")
        assert "letters I or O" in exc.value.messages[0]
