"""The rules held once: check-in slots and their boundaries (slot boundary, grace, the last day), the
risk table, plausible temperatures."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from frontline.quarantine import rules
from frontline.quarantine.models import Quarantine, RiskClass, RiskRule
from frontline.quarantine.tests.conftest import at


def q_from(start="2020-02-01", hm="09:00", days=14, ended_at=None):
    started = at(start, hm)
    return Quarantine(
        started_at=started,
        start_date=started.date(),
        ends_on=started.date() + dt.timedelta(days=days - 1),
        ended_at=ended_at,
    )


def test_morning_slot_is_due_until_boundary_plus_grace_then_overdue(settings):
    settings.FRONTLINE_CHECKIN_GRACE_MINUTES = 60
    q = q_from("2020-02-10", "08:00")
    before = rules.slot_state(q, set(), at("2020-02-10", "12:59"))
    after = rules.slot_state(q, set(), at("2020-02-10", "13:00"))
    assert before.overdue == [] and before.due[0] == (dt.date(2020, 2, 10), "am")
    assert after.overdue == [(dt.date(2020, 2, 10), "am")]


def test_slot_boundary_is_configurable(settings):
    settings.FRONTLINE_CHECKIN_SLOT_BOUNDARY = "13:00"
    settings.FRONTLINE_CHECKIN_GRACE_MINUTES = 0
    q = q_from("2020-02-10", "08:00")
    assert rules.slot_state(q, set(), at("2020-02-10", "12:30")).overdue == []
    assert rules.slot_of(at("2020-02-10", "12:30")) == (dt.date(2020, 2, 10), "am")
    assert rules.slot_of(at("2020-02-10", "13:00")) == (dt.date(2020, 2, 10), "pm")


def test_quarantine_started_in_the_afternoon_owes_no_morning_slot():
    q = q_from("2020-02-10", "15:00")
    state = rules.slot_state(q, set(), at("2020-02-11", "10:00"))
    assert state.overdue == [(dt.date(2020, 2, 10), "pm")]
    assert state.due == [(dt.date(2020, 2, 11), "am")]


def test_day_14_is_the_last_day_with_slots():
    q = q_from("2020-02-01", "09:00", days=14)  # day 14 = 2020-02-14
    state = rules.slot_state(q, set(), at("2020-02-20", "10:00"))
    days = {d for d, _s in state.overdue}
    assert max(days) == dt.date(2020, 2, 14)
    assert len(state.overdue) == 28 and state.due == []


def test_evening_slot_of_day_14_is_due_late_that_night_but_day_15_owes_nothing(settings):
    settings.FRONTLINE_CHECKIN_GRACE_MINUTES = 60
    q = q_from("2020-02-01", "09:00", days=14)
    done = {(dt.date(2020, 2, 1) + dt.timedelta(days=i), s) for i in range(13) for s in ("am", "pm")}
    done.add((dt.date(2020, 2, 14), "am"))
    late_evening = rules.slot_state(q, done, at("2020-02-15", "00:30"))
    assert late_evening.due == [(dt.date(2020, 2, 14), "pm")] and late_evening.overdue == []
    next_day = rules.slot_state(q, done, at("2020-02-15", "20:00"))
    assert next_day.overdue == [(dt.date(2020, 2, 14), "pm")] and next_day.due == []


def test_ended_quarantine_owes_no_slots_after_its_end():
    q = q_from("2020-02-01", "09:00", ended_at=at("2020-02-03", "11:00"))
    state = rules.slot_state(q, set(), at("2020-02-10", "10:00"))
    assert (dt.date(2020, 2, 3), "am") in state.overdue
    assert max(d for d, _s in state.overdue) == dt.date(2020, 2, 3) and len(state.overdue) == 5


def test_done_slots_are_counted_not_flagged():
    q = q_from("2020-02-10", "08:00")
    state = rules.slot_state(q, {(dt.date(2020, 2, 10), "am")}, at("2020-02-10", "20:00"))
    assert state.done == 1 and state.overdue == []


@pytest.mark.parametrize("raw", ["33.9", "43.1", "abc", "", "nan"])
def test_implausible_temperatures_are_refused_with_a_message(raw):
    with pytest.raises(ValidationError) as exc:
        rules.parse_temperature(raw)
    assert "temperature" in exc.value.message_dict


def test_temperature_accepts_comma_and_degree_sign():
    assert rules.parse_temperature("37,4℃") == Decimal("37.4")
    assert rules.parse_temperature(" 36.5 ") == Decimal("36.5")


def test_fever_threshold_comes_from_settings(settings):
    settings.FRONTLINE_FEVER_THRESHOLD = "37.3"
    assert rules.is_fever(Decimal("37.3")) and not rules.is_fever(Decimal("37.2"))
    settings.FRONTLINE_FEVER_THRESHOLD = "37.5"
    assert not rules.is_fever(Decimal("37.3"))


def _screening(code="4201", back=3, contact="none", symptoms=(), fever=False):
    return rules.Screening(
        returned_from_code=code,
        return_date=dt.date(2020, 2, 19) - dt.timedelta(days=back),
        contact=contact,
        symptoms=tuple(symptoms),
        fever=fever,
    )


@pytest.mark.django_db
def test_default_risk_table_classifies_as_in_2020():
    table = list(RiskRule.objects.all())
    today = dt.date(2020, 2, 19)
    assert rules.classify(_screening(fever=True), table, today)[0] == RiskClass.REFERRAL
    assert rules.classify(_screening("4201", back=5), table, today)[0] == RiskClass.HOME_QUARANTINE
    assert rules.classify(_screening("4201", back=14), table, today)[0] == RiskClass.MONITORING
    assert rules.classify(_screening("4403", back=2), table, today)[0] == RiskClass.MONITORING
    assert (
        rules.classify(_screening("4403", contact="confirmed"), table, today)[0] == RiskClass.HOME_QUARANTINE
    )
    assert rules.classify(_screening("4403", symptoms=["cough"]), table, today)[0] == RiskClass.REFERRAL


@pytest.mark.django_db
def test_an_inactive_rule_is_skipped():
    RiskRule.objects.filter(requires_fever=True).update(is_active=False)
    table = list(RiskRule.objects.all())
    risk, rule = rules.classify(_screening("4403", fever=True), table, dt.date(2020, 2, 19))
    assert risk == RiskClass.REFERRAL and rule.requires_symptoms  # caught by the symptom rule instead
