"""Columns shared by several kinds: person identity and where the row belongs."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from frontline.imports import parsers
from frontline.imports.registry import ImportColumn

NAME = ImportColumn(
    "name",
    _("Name"),
    ("姓名", "名字", "人员姓名", "党员姓名", "姓 名"),
    lambda v, c: parsers.name(v),
    required=True,
    header_required=True,
    width=10,
    example="张三",
)
ID_NUMBER = ImportColumn(
    "id_number",
    _("ID number"),
    ("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证", "证件号码", "身份证件号码"),
    lambda v, c: parsers.id_number(v, today=c.today),
    required=True,
    header_required=True,
    width=22,
    is_text=True,
    example="360732199001011234",
)
MOBILE = ImportColumn(
    "mobile",
    _("Mobile"),
    ("联系电话", "手机号码", "手机号", "手机", "电话", "联系方式", "电话号码"),
    lambda v, c: parsers.mobile(v),
    width=15,
    is_text=True,
    example="13800000000",
)
TOWNSHIP = ImportColumn(
    "township",
    _("Township"),
    ("乡镇", "乡（镇）", "乡镇(街道)", "所属乡镇", "乡镇名称", "镇", "乡"),
    width=10,
    example="长冈乡",
)
VILLAGE = ImportColumn(
    "village",
    _("Village"),
    ("村", "村(社区)", "村（居）", "村居", "社区", "所属村", "村委会", "村名", "行政村"),
    width=10,
    example="园塘村",
)


def place(row: dict, ctx) -> str:
    """The division code the row lands on (deepest named), jurisdiction-checked."""
    try:
        return ctx.resolver.resolve(row.get("township") or "", row.get("village") or "")
    except ValidationError:
        raise
