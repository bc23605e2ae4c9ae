import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from frontline.community import services
from frontline.community.models import Gathering
from frontline.core.figures import compute
from frontline.testing import CHANGGANG, TANGSHI, YUANTANG

EPOCH, DAY = dt.date(2000, 1, 1), dt.date(2020, 2, 19)


def _gathering(users, yt, **kw):
    data = {
        "division_code": YUANTANG,
        "household_head": "钟某某",
        "kind": "wedding_banquet",
        "expected_guests": 150,
    }
    data.update(kw)
    return services.gathering_create(actor=users["yuantang_secretary"], **data)


def _cancelled(code=CHANGGANG):
    return compute(code, EPOCH, DAY, ["gatherings_cancelled"])["gatherings_cancelled"]


def test_cancelled_count_changes_when_a_cancelled_gathering_is_recorded(users, yt):
    before = _cancelled()
    _gathering(users, yt, outcome="cancelled", persuaded_by=yt["leader"].pk)
    assert _cancelled() == before + 1
    # Another outcome does not count as cancelled.
    _gathering(users, yt, outcome="postponed", persuaded_by=yt["leader"].pk)
    assert _cancelled() == before + 1


def test_cancelled_count_on_the_counts_page_changes_when_a_record_is_added(client_for, users, yt):
    client = client_for("changgang_admin")
    page = client.get("/community/gatherings/counts/")
    assert page.status_code == 200
    before = {r["code"]: r["cancelled"] for r in page.context["rows"]}[YUANTANG]
    g = _gathering(users, yt)
    services.gathering_record_outcome(
        actor=users["yuantang_secretary"], gathering=g, outcome="cancelled", team=yt["team"].pk
    )
    page = client.get("/community/gatherings/counts/")
    rows = {r["code"]: r for r in page.context["rows"]}
    assert rows[YUANTANG]["cancelled"] == before + 1
    assert rows[TANGSHI]["cancelled"] == 0  # villages side by side
    assert page.context["total"]["cancelled"] == before + 1


def test_persuasion_emits_gathering_persuaded_once(users, yt, events):
    g = _gathering(users, yt)
    assert events == []
    services.gathering_record_outcome(
        actor=users["yuantang_secretary"], gathering=g, outcome="postponed", persuaded_by=yt["people"][1].pk
    )
    services.gathering_record_outcome(actor=users["yuantang_secretary"], gathering=g, outcome="cancelled")
    assert events == [("gathering_persuaded", yt["people"][1], g)]
    g.refresh_from_db()
    assert g.outcome == "cancelled" and g.outcome_on == DAY


def test_held_anyway_emits_nothing(users, yt, events):
    g = _gathering(users, yt)
    services.gathering_record_outcome(actor=users["yuantang_secretary"], gathering=g, outcome="held")
    assert events == []


def test_persuaded_outcome_needs_who_persuaded(users, yt):
    g = _gathering(users, yt)
    with pytest.raises(ValidationError) as exc:
        services.gathering_record_outcome(actor=users["yuantang_secretary"], gathering=g, outcome="cancelled")
    assert "persuaded_by" in exc.value.message_dict


def test_outcome_refused_for_neighbour_village_and_wrong_role(users, yt, ts):
    g = _gathering(users, yt)
    with pytest.raises(Http404):
        services.gathering_record_outcome(
            actor=users["tangshi_secretary"], gathering=g, outcome="cancelled", persuaded_by=ts["person"].pk
        )
    with pytest.raises(PermissionDenied):
        services.gathering_record_outcome(actor=users["county_leader"], gathering=g, outcome="held")


def test_persuader_from_another_village_is_refused(users, yt, ts):
    with pytest.raises(ValidationError) as exc:
        _gathering(users, yt, outcome="cancelled", persuaded_by=ts["person"].pk)
    assert "persuaded_by" in exc.value.message_dict
    assert Gathering.objects.count() == 0  # the whole record rolled back


def test_grid_leader_records_in_own_grid_not_the_village_row(users, yt):
    with pytest.raises(Http404):
        services.gathering_create(
            actor=users["yuantang_grid"], division_code=YUANTANG, household_head="钟", kind="funeral"
        )
    g = services.gathering_create(
        actor=users["yuantang_grid"], division_code="360732217203001", household_head="钟", kind="funeral"
    )
    assert g.division_code.startswith(YUANTANG)


def test_gathering_form_creates_and_refuses(client_for, yt):
    data = {
        "division_code": YUANTANG,
        "household_head": "黄某",
        "kind": "full_month",
        "source": "reported",
        "outcome": "cancelled",
        "persuaded_by": yt["leader"].pk,
    }
    assert client_for("yuantang_doctor").post("/community/gatherings/new/", data).status_code == 403
    assert client_for("tangshi_secretary").post("/community/gatherings/new/", data).status_code == 422
    assert Gathering.objects.count() == 0
    response = client_for("yuantang_secretary").post("/community/gatherings/new/", data)
    assert response.status_code == 302
    assert Gathering.objects.get().outcome == "cancelled"


def test_gathering_form_shows_chinese_error_for_missing_persuader(client_for, yt):
    data = {
        "division_code": YUANTANG,
        "household_head": "黄某",
        "kind": "full_month",
        "source": "found",
        "outcome": "cancelled",
    }
    response = client_for("yuantang_secretary").post("/community/gatherings/new/", data)
    assert response.status_code == 422
    assert "劝" in response.content.decode()


def test_outcome_form_refuses_wrong_role_and_wrong_village(client_for, users, yt):
    g = _gathering(users, yt)
    data = {"outcome": "cancelled", "persuaded_by": yt["leader"].pk}
    assert (
        client_for("county_finance").post(f"/community/gatherings/{g.pk}/outcome/", data).status_code == 403
    )
    assert (
        client_for("tangshi_secretary").post(f"/community/gatherings/{g.pk}/outcome/", data).status_code
        == 404
    )
    g.refresh_from_db()
    assert g.outcome == "pending"
    assert (
        client_for("yuantang_secretary").post(f"/community/gatherings/{g.pk}/outcome/", data).status_code
        == 302
    )


def test_gathering_list_is_scoped_and_query_count_pinned(
    client_for, users, yt, ts, django_assert_max_num_queries
):
    for i in range(5):
        _gathering(users, yt, household_head=f"户{i}")
    services.gathering_create(
        actor=users["tangshi_secretary"], division_code=TANGSHI, household_head="塘石户", kind="funeral"
    )
    client = client_for("yuantang_secretary")
    with django_assert_max_num_queries(6):
        response = client.get("/community/gatherings/")
    heads = {g.household_head for g in response.context["page"]}
    assert "塘石户" not in heads and len(heads) == 5


def test_counts_page_outside_jurisdiction_is_404(client_for, yt):
    assert (
        client_for("yuantang_secretary").get("/community/gatherings/counts/?division=360732104").status_code
        == 404
    )


def test_gathering_and_its_outcome_are_audited(users, yt):
    from frontline.audit.models import AuditEvent

    g = _gathering(users, yt)
    services.gathering_record_outcome(
        actor=users["yuantang_secretary"], gathering=g, outcome="cancelled", persuaded_by=yt["leader"].pk
    )
    actions = list(
        AuditEvent.objects.filter(object_type="community.gathering", object_id=str(g.pk)).values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "update"]


def test_gathering_list_filters_by_village_and_outcome_from_the_counts_page(client_for, users, yt):
    _gathering(users, yt, outcome="cancelled", persuaded_by=yt["leader"].pk)
    _gathering(users, yt)
    client = client_for("changgang_admin")
    page = client.get(f"/community/gatherings/?division={YUANTANG}&outcome=cancelled")
    assert [g.outcome for g in page.context["page"]] == ["cancelled"]
    assert client.get(f"/community/gatherings/?division={TANGSHI}").context["page"].paginator.count == 0
