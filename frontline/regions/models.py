"""Administrative divisions: county → township → village/community → grid, keyed by official codes.

The code is the primary key and the materialized path: a node's code starts with its parent's.
County 6 digits, township 9, village/community 12, grid = village code + a 3-digit local suffix.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")
    VILLAGE = "village", _("Village / community")
    GRID = "grid", _("Grid")


CODE_LENGTHS = {
    2: Level.PROVINCE,
    4: Level.CITY,
    6: Level.COUNTY,
    9: Level.TOWNSHIP,
    12: Level.VILLAGE,
    15: Level.GRID,
}
PARENT_LENGTH = {4: 2, 6: 4, 9: 6, 12: 9, 15: 12}


def level_of(code: str) -> str:
    if not code.isdigit() or len(code) not in CODE_LENGTHS:
        raise ValidationError(
            _("Division code %(code)s must be 6, 9, 12 or 15 digits."),
            code="bad_division_code",
            params={"code": code},
        )
    return CODE_LENGTHS[len(code)]


def parent_code(code: str) -> str | None:
    n = PARENT_LENGTH.get(len(code))
    return code[:n] if n else None


class Division(models.Model):
    code = models.CharField(_("code"), max_length=15, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("kind"), max_length=20, blank=True, help_text=_("镇/乡/园区/村/社区 …"))
    # Denormalized "兴国县 高兴镇 …" for display without walking up the tree.
    full_name = models.CharField(_("full name"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("division")
        verbose_name_plural = _("divisions")

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def division_code(self) -> str:
        return self.code

    def clean(self):
        self.level = level_of(self.code)
        expected_parent = parent_code(self.code)
        if self.parent_id and self.parent_id != expected_parent:
            raise ValidationError(_("A division's code must start with its parent's code."))
