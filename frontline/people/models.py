"""People and the party organization.

Person: one row per human, deduplicated on the keyed hash of the resident ID number. Identifiers are
stored encrypted (id_number_enc, phone_enc), with a keyed hash for exact lookup and a masked form
for display; the whole value is only ever produced by people.services.person_unmask (audited).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.core.models import Scoped


class Gender(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    UNKNOWN = "", _("Unknown")


class Person(Scoped):
    name = models.CharField(_("name"), max_length=50)
    id_number_enc = models.TextField(blank=True, editable=False)
    # Unique through Meta.constraints, not unique=True: on PostgreSQL a unique CharField also gets a
    # varchar_pattern_ops index for LIKE, which nobody runs on a hash and every insert maintained.
    id_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    id_masked = models.CharField(_("ID number"), max_length=20, blank=True)
    phone_enc = models.TextField(blank=True, editable=False)
    # Not indexed: no query looks a person up by mobile (the hash is compared on a known row, to see
    # whether the mobile changed); an index on random keys cost ~5 µs of every insert (sqlite_floor).
    phone_hash = models.CharField(max_length=64, blank=True, editable=False)
    phone_masked = models.CharField(_("mobile"), max_length=20, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(default=False, help_text="demo data: never a real identity")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["division_code", "name", "id"]
        constraints = [models.UniqueConstraint(fields=["id_hash"], name="person_id_hash_unique")]

    def __str__(self):
        return self.name


class OrgKind(models.TextChoices):
    ORG_DEPARTMENT = "org_department", _("Organization department")
    LEADING_GROUP = "leading_group", _("Leading group")
    WORKING_GROUP = "working_group", _("Working group")
    TOWNSHIP_COMMITTEE = "township_committee", _("Township party committee")
    VILLAGE_BRANCH = "village_branch", _("Village party branch")
    PARTY_GROUP = "party_group", _("Party group")
    DEPARTMENT = "department", _("Government department / unit")
    VOLUNTEER_TEAM = "volunteer_team", _("Volunteer team")
    OTHER = "other", _("Other")


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=30, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    division_code = models.CharField(_("division"), max_length=15, db_index=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    is_temporary = models.BooleanField(_("temporary body"), default=False)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["division_code", "kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["division_code", "kind", "name"], name="org_unique_name_per_division"
            ),
        ]

    def __str__(self):
        return self.name


class MembershipKind(models.TextChoices):
    PARTY_MEMBER = "party_member", _("Party member")
    PROBATIONARY = "probationary", _("Probationary member")
    ACTIVIST = "activist", _("Activist applying to join")
    VOLUNTEER = "volunteer", _("Volunteer")
    STAFF = "staff", _("Member of a body (group, committee)")


PARTY_KINDS = (MembershipKind.PARTY_MEMBER, MembershipKind.PROBATIONARY)


class Membership(Scoped):
    """A person's membership of an organization (division_code is the organization's)."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="memberships"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MembershipKind.choices)
    title = models.CharField(
        pgettext_lazy("position", "title"), max_length=50, blank=True, help_text=_("书记, 组长, 委员 …")
    )
    is_leader = models.BooleanField(_("leader"), default=False)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["person", "organization", "kind"], name="membership_unique"),
        ]
        indexes = [models.Index(fields=["kind", "division_code"])]

    def __str__(self):
        return f"{self.person} @ {self.organization}"


class CadreKind(models.TextChoices):
    ORG_CADRE = "org_cadre", _("Organization cadre (组工干部)")
    CADRE = "cadre", _("Cadre")
    FIRST_SECRETARY = "first_secretary", _("First secretary")
    VILLAGE_CADRE = "village_cadre", _("Village two-committee cadre")
    GROUP_LEADER = "group_leader", _("Group leader (三类小组长)")


class Profession(models.TextChoices):
    NONE = "", _("None")
    MEDICAL = "medical", _("Medical professional")
    POLICE = "police", _("Police")
    TEACHER = "teacher", _("Teacher")


class Cadre(Scoped):
    """A person's cadre post: where they work, what they are. One person may hold one post here."""

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="cadre"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CadreKind.choices)
    unit = models.ForeignKey(
        Organization,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cadres",
    )
    position = models.CharField(_("position"), max_length=100, blank=True)
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices, blank=True)
    # For a first secretary: the village they are stationed in is division_code; sent_by is the unit.
    sent_by = models.ForeignKey(
        Organization,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stationed_cadres",
    )
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")
        indexes = [models.Index(fields=["kind", "division_code"])]

    def __str__(self):
        return f"{self.person} ({self.get_kind_display()})"
