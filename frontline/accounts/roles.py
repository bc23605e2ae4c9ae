from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COUNTY_ADMIN = "county_admin", _("County administrator")
    COUNTY_LEADER = "county_leader", _("County leader (read-only)")
    TOWNSHIP_ADMIN = "township_admin", _("Township administrator")
    VILLAGE_SECRETARY = "village_secretary", _("Village party secretary")
    FIRST_SECRETARY = "first_secretary", _("First secretary")
    GRID_LEADER = "grid_leader", _("Grid leader")
    CHECKPOINT_DUTY = "checkpoint_duty", _("Checkpoint duty")
    MEDICAL = "medical", _("Medical")
    POLICE = "police", _("Police")
    PUBLICITY_EDITOR = "publicity_editor", _("Publicity editor")
    FINANCE = "finance", _("Finance")
    DISCIPLINE_INSPECTOR = "discipline_inspector", _("Discipline inspector")
