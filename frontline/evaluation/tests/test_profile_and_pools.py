"""The cadre profile gathers every app's records with true counts; the medical title-promotion rule;
priority pools cite the records that justify them."""

import datetime as dt
import types

import pytest
from django.core.exceptions import ValidationError

from frontline.care import services as care
from frontline.care.models import Disbursement, Visit
from frontline.evaluation import profile, services
from frontline.evaluation.models import (
    Adjustment,
    Commendation,
    EntryStatus,
    Justification,
    Observation,
    PoolEntry,
)

from .conftest import OBSERVATION


def _module(**attrs):
    module = types.ModuleType("frontline.discipline.cadre_profile")
    for name, value in attrs.items():
        setattr(module, name, value)
    return module


def _observe(users, cadre, **kw):
    return services.observation_create(actor=users["county_admin"], cadre=cadre, **{**OBSERVATION, **kw})


def test_profile_counts_equal_the_underlying_records(users, cadres, api_for, client_for):
    cadre = cadres["shuitou"]
    person = cadre.person
    admin = users["county_admin"]
    obs = [_observe(users, cadre, observed_on=f"2020-02-0{d}") for d in range(1, 4)]
    _observe(users, cadres["yuantang"])  # someone else's: never counted here
    for title in ("优秀党员", "先进个人"):
        services.commendation_create(
            actor=admin, person=person, level="county", title=title, awarded_on="2020-02-18"
        )
    services.pool_entry_propose(actor=admin, person=person, pool="honours", reason="突出", records=obs[:2])
    services.adjustment_create(
        actor=admin,
        person=person,
        kind="transfer",
        decided_on="2020-02-18",
        reason="r",
        decided_by="县委组织部",
    )
    allocation = care.allocation_create(
        actor=users["county_finance"],
        title="党费",
        amount_fen=10_000,
        decided_on="2020-02-05",
        decided_by="县委组织部",
        division_code="360732",
    )
    for i in range(2):
        care.disbursement_create(
            actor=users["county_finance"],
            allocation=allocation,
            category="grassroots_cadre",
            amount_fen=100,
            recipient_person=person,
            approver="a",
            voucher_number=f"V{i}",
            paid_on="2020-02-10",
        )
    care.visit_create(
        actor=admin,
        visited_on="2020-02-12",
        category="grassroots_cadre",
        recipient_person=person,
        visitor_names="x",
    )
    expected = {
        "evaluation.observations": Observation.objects.filter(person=person).count(),
        "evaluation.commendations": Commendation.objects.filter(person=person).count(),
        "evaluation.pools": PoolEntry.objects.filter(person=person).count(),
        "evaluation.adjustments": Adjustment.objects.filter(person=person).count(),
        "care.disbursements": Disbursement.objects.filter(recipient_person=person).count(),
        "care.visits": Visit.objects.filter(recipient_person=person).count(),
    }
    assert expected == {
        "evaluation.observations": 3,
        "evaluation.commendations": 2,
        "evaluation.pools": 1,
        "evaluation.adjustments": 1,
        "care.disbursements": 2,
        "care.visits": 1,
    }
    for username in ("county_admin", "county_leader", "gaoxing_admin"):
        body = api_for(username).get(f"/api/v1/evaluation/cadres/{cadre.pk}/profile").json()
        # Other apps' sections (checkpoints, discipline, supervision) are tested in test_profile_sections.
        assert {s["key"]: s["count"] for s in body["sections"] if s["key"] in expected} == expected
    html = client_for("gaoxing_admin").get(f"/evaluation/cadres/{cadre.pk}/").content.decode()
    for key, count in expected.items():
        assert f'data-key="{key}"><b>{count}</b>' in html


def test_a_failing_section_provider_is_shown_unavailable_not_a_500(users, cadres, client_for, monkeypatch):
    from frontline.core.policy import Policy

    def fail(person, policy):
        raise RuntimeError("not merged yet")

    broken = _module(sections=fail, accountability=fail)

    real = profile.providers()
    monkeypatch.setattr(profile, "providers", lambda: [*real, broken])
    response = client_for("county_admin").get(f"/evaluation/cadres/{cadres['shuitou'].pk}/")
    assert response.status_code == 200
    assert "本栏暂不可用" in response.content.decode() or "unavailable" in response.content.decode()
    sections = profile.sections_for(cadres["shuitou"].person, Policy(users["county_admin"]))
    assert [s.unavailable for s in sections if s.key == "discipline"] == [True]
    assert (
        profile.accountability_for(cadres["shuitou"].person, Policy(users["county_admin"]))[0].badge
        == "alert"
    )


def test_accountability_outcomes_come_from_providers(users, cadres, monkeypatch):
    from frontline.core.policy import Policy

    discipline = _module(
        sections=lambda person, policy: [],
        accountability=lambda person, policy: [
            profile.ProfileItem(text="诫勉谈话", date=dt.date(2020, 2, 15), badge="问责")
        ],
    )
    monkeypatch.setattr(profile, "providers", lambda: [discipline])
    items = profile.accountability_for(cadres["shuitou"].person, Policy(users["county_admin"]))
    assert [i.text for i in items] == ["诫勉谈话"]


def test_medical_professionals_outstanding_record_feeds_title_promotion(users, cadres):
    doctor = cadres["doctor"]
    first = _observe(users, doctor)
    entry = PoolEntry.objects.get(person=doctor.person, pool="title_promotion")
    assert entry.automatic and entry.status == EntryStatus.PROPOSED
    assert [j.record for j in entry.justifications.all()] == [first]
    second = _observe(users, doctor, observed_on="2020-02-12", event="发热门诊")
    assert PoolEntry.objects.filter(person=doctor.person, pool="title_promotion").count() == 1
    assert {j.record for j in entry.justifications.all()} == {first, second}


def test_non_medical_or_merely_good_records_do_not_feed_title_promotion(users, cadres):
    _observe(users, cadres["shuitou"])  # outstanding, not medical
    _observe(users, cadres["doctor"], rating="good")  # medical, not outstanding
    assert not PoolEntry.objects.exists()


def test_title_priority_sync_is_idempotent(users, cadres):
    Observation.objects.create(
        cadre=cadres["doctor"],
        person=cadres["doctor"].person,
        observed_on=dt.date(2020, 2, 1),
        event="导入的记录",
        conduct="c",
        rating="outstanding",
        observer="o",
        division_code=cadres["doctor"].division_code,
    )
    assert services.title_priority_sync(actor=users["county_admin"]) == 1
    assert services.title_priority_sync(actor=users["county_admin"]) == 0
    assert Justification.objects.count() == 1


def test_pool_entry_needs_justifying_records_about_the_same_person(users, cadres):
    admin = users["county_admin"]
    own = _observe(users, cadres["shuitou"])
    other = _observe(users, cadres["yuantang"])
    person = cadres["shuitou"].person
    with pytest.raises(ValidationError, match="records"):
        services.pool_entry_propose(actor=admin, person=person, pool="honours", reason="r", records=[])
    with pytest.raises(ValidationError, match="records"):
        services.pool_entry_propose(actor=admin, person=person, pool="honours", reason="r", records=[other])
    entry = services.pool_entry_propose(actor=admin, person=person, pool="honours", reason="r", records=[own])
    with pytest.raises(ValidationError, match="pool"):
        services.pool_entry_propose(actor=admin, person=person, pool="honours", reason="r", records=[own])
    services.pool_entry_decide(actor=admin, entry=entry, status="confirmed")
    with pytest.raises(ValidationError, match="status"):
        services.pool_entry_decide(actor=admin, entry=entry, status="proposed")
    services.pool_entry_decide(actor=admin, entry=entry, status="used")
    # Once used, a new entry may be proposed.
    services.pool_entry_propose(actor=admin, person=person, pool="honours", reason="r", records=[own])


def test_pool_entry_api_lists_justifications_and_refuses_township(users, cadres, api_for):
    own = _observe(users, cadres["shuitou"])
    body = {
        "person_id": cadres["shuitou"].person_id,
        "pool": "post_promotion",
        "reason": "r",
        "observation_ids": [own.pk],
    }
    assert (
        api_for("gaoxing_admin")
        .post("/api/v1/evaluation/pool-entries/", body, content_type="application/json")
        .status_code
        == 403
    )
    response = api_for("county_admin").post(
        "/api/v1/evaluation/pool-entries/", body, content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["justifications"] == [
        {"type": "evaluation.observation", "id": own.pk, "summary": Justification.objects.get().summary}
    ]
    items = api_for("gaoxing_admin").get("/api/v1/evaluation/pool-entries/").json()["items"]
    assert [i["pool"] for i in items] == ["post_promotion"]
    assert api_for("junchun_admin").get("/api/v1/evaluation/pool-entries/").json()["count"] == 0


def test_figures_count_commendations_and_open_pool_entries(users, cadres):
    from frontline.core.figures import compute

    own = _observe(users, cadres["shuitou"])
    _observe(users, cadres["doctor"])
    services.commendation_create(
        actor=users["county_admin"],
        person=cadres["yuantang"].person,
        level="county",
        title="t",
        awarded_on="2020-02-18",
    )
    services.pool_entry_propose(
        actor=users["county_admin"],
        person=cadres["shuitou"].person,
        pool="honours",
        reason="r",
        records=[own],
    )
    keys = ["commendations", "priority_pool_entries"]
    span = (dt.date(2020, 1, 1), dt.date(2099, 1, 1))
    assert compute("360732", *span, keys) == {"commendations": 1, "priority_pool_entries": 2}
    assert compute("360732104", *span, keys) == {"commendations": 0, "priority_pool_entries": 2}
