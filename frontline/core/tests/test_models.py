"""The model pieces shared through core.models: what their docstrings promise, on real models."""

import datetime as dt

from django.db import models

from frontline.accounts.models import User
from frontline.community.models import Gathering, PatrolLog, Team
from frontline.core.models import Recorded, Scoped
from frontline.discipline.models import NegativeEntry
from frontline.testing import YUANTANG, make_person


def test_a_record_outlives_the_people_it_links_and_the_links_are_cleared(users):
    head, persuader = make_person(YUANTANG, "钟福"), make_person(YUANTANG, "李良")
    gathering = Gathering.objects.create(
        division_code=YUANTANG,
        household_head="钟福",
        person=head,
        persuaded_by=persuader,
        kind="wedding_banquet",
        found_on=dt.date(2020, 2, 1),
    )
    head.delete()
    persuader.delete()
    gathering.refresh_from_db()
    assert (gathering.household_head, gathering.person_id, gathering.persuaded_by_id) == ("钟福", None, None)


def test_a_record_outlives_the_account_that_entered_it(users):
    clerk = User.objects.create(username="temp_clerk", division_id=YUANTANG, roles=["village_secretary"])
    team = Team.objects.create(
        kind="patrol",
        name="园塘村巡逻队",
        division_code=YUANTANG,
        formed_on=dt.date(2020, 1, 26),
        created_by=clerk,
    )
    assert team.created_at is not None
    clerk.delete()
    team.refresh_from_db()
    assert team.created_by_id is None


def test_scoped_and_recorded_fields_are_the_project_wide_definitions():
    """One scoping column everywhere (a 15-character materialized path, indexed for prefix scoping)
    and the same 'entered by / at' pair, whichever model inherits them."""
    for model in (PatrolLog, NegativeEntry):
        assert issubclass(model, Scoped)
        field = model._meta.get_field("division_code")
        assert (type(field), field.max_length, field.db_index, field.null) == (
            models.CharField,
            15,
            True,
            False,
        )
    created_by = PatrolLog._meta.get_field("created_by")
    assert issubclass(PatrolLog, Recorded)
    assert (created_by.null, created_by.remote_field.on_delete) == (True, models.SET_NULL)
    assert PatrolLog._meta.get_field("created_at").auto_now_add
