"""Shared model pieces: the fields most of Frontline's records carry, defined once.

Abstract bases only add their fields to the models that inherit them (no table, no join): a model
that declares `class Meta` keeps its own verbose names, ordering, indexes and constraints.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def account_link() -> models.ForeignKey:
    """The account (accounts.User) that did something to a record — created, recorded, reviewed,
    closed it; if the account goes, the record stays and the link is cleared (SET_NULL)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


def person_link(verbose_name, *, related_name: str = "+") -> models.ForeignKey:
    """An optional link to someone in the register (people.Person) — who led, logged, persuaded,
    handled … — that may stay empty; if the person's row goes, the record stays and the link is
    cleared (SET_NULL)."""
    return models.ForeignKey(
        "people.Person",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


class Scoped(models.Model):
    """A row that belongs to a division: its code (materialized path, up to 15 characters), indexed so
    that Policy.scope is one `division_code__startswith` prefix match. Denormalized from the record's
    owner (a team, a person, a checkpoint …), as the model says where that is not obvious."""

    division_code = models.CharField(_("division"), max_length=15, db_index=True)

    class Meta:
        abstract = True


class Recorded(models.Model):
    """Who entered the record and when: the account (the row stays if the account goes) and the
    moment it was stored. The person a record is about is a field of its own."""

    created_by = account_link()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class PurgedCount(models.Model):
    """What retention purging deleted, as anonymous counts: rule, division, day, number of rows."""

    rule = models.CharField(_("record kind"), max_length=60)
    division_code = models.CharField(_("division"), max_length=15, db_index=True)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("count"))
    purged_at = models.DateTimeField(_("purged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("purged record count")
        verbose_name_plural = _("purged record counts")
        indexes = [models.Index(fields=["rule", "day"])]

    def __str__(self):
        return f"{self.rule} {self.division_code} {self.day}: {self.count}"
