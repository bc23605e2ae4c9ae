"""分片包乡: only county administrators assign, visit and record findings; a township sees its own and
closes its own rectification items; overdue = deadline passed and not closed."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from frontline import testing
from frontline.discipline.tests import factories as f
from frontline.regions.models import Division
from frontline.supervision import services
from frontline.supervision.models import Assignment, Finding, Rectification, Visit

DAY = dt.date(2020, 2, 19)


@pytest.fixture
def leader(users):
    return f.org_cadre(testing.COUNTY, "部领导甲").person


def _visit(users, leader, code=testing.GAOXING, day=dt.date(2020, 2, 10)):
    return services.visit_create(
        actor=users["county_admin"], leader=leader, division_code=code, visited_on=day, checked="卡点值守情况"
    )


def _item(users, visit, deadline, text="夜间值守不足"):
    finding = services.finding_create(actor=users["county_admin"], visit=visit, text=text)
    return services.rectification_create(
        actor=users["county_admin"],
        finding=finding,
        action=f"整改：{text}",
        owner="组织委员",
        deadline=deadline,
    )


def test_coverage_flags_uncovered_townships(users, client_for, leader):
    services.assignment_create(actor=users["county_admin"], leader=leader, division_code=testing.GAOXING)
    body = client_for("county_leader").get("/supervision/").content.decode()
    assert "部领导甲" in body
    rows = {
        r["code"]: r
        for r in __import__("frontline.supervision.selectors", fromlist=["x"]).coverage(
            policy=_policy(users["county_leader"])
        )
    }
    assert rows[testing.GAOXING]["covered"] and not rows[testing.JUNCUN]["covered"]
    assert "uncovered" in body  # the row class that flags it


def _policy(user):
    from frontline.core.policy import policy_for

    return policy_for(user)


def test_only_department_cadres_can_be_assigned(users, client_for):
    village_cadre = f.org_cadre(testing.YUANTANG, "村干部", kind="village_cadre", unit_kind="village_branch")
    resp = client_for("county_admin").post(
        "/supervision/", {"leader": village_cadre.person_id, "division_code": testing.GAOXING}
    )
    assert resp.status_code == 422 and not Assignment.objects.exists()


@pytest.mark.parametrize(
    "username", ["county_leader", "gaoxing_admin", "county_discipline", "yuantang_secretary"]
)
def test_other_roles_cannot_assign_or_record_visits(users, client_for, api_for, leader, username):
    c = client_for(username)
    assert c.post("/supervision/", {"leader": leader.pk, "division_code": testing.GAOXING}).status_code == 403
    data = {
        "leader": leader.pk,
        "division_code": testing.GAOXING,
        "visited_on": "2020-02-18",
        "checked": "卡点",
    }
    assert c.post("/supervision/visits/new/", data).status_code == 403
    resp = api_for(username).post(
        "/api/v1/supervision/visits/",
        {
            "leader_id": leader.pk,
            "division_code": testing.GAOXING,
            "visited_on": "2020-02-18",
            "checked": "卡点",
        },
        content_type="application/json",
    )
    assert resp.status_code == 403
    assert not Visit.objects.exists() and not Assignment.objects.exists()


def test_county_admin_records_visit_finding_feedback_and_rectification(users, client_for, leader):
    c = client_for("county_admin")
    resp = c.post(
        "/supervision/visits/new/",
        {
            "leader": leader.pk,
            "division_code": testing.GAOXING,
            "visited_on": "2020-02-18",
            "checked": "卡点",
        },
    )
    visit = Visit.objects.get()
    assert resp.status_code == 302
    c.post(f"/supervision/visits/{visit.pk}/findings/", {"text": "夜间值守不足", "serious": "on"})
    finding = Finding.objects.get()
    c.post(
        f"/supervision/findings/{finding.pk}/rectifications/",
        {"finding": finding.pk, "action": "补齐值守", "owner": "组织委员", "deadline": "2020-02-22"},
    )
    c.post(
        f"/supervision/visits/{visit.pk}/feedback/",
        {"sent_on": "2020-02-19", "to": "镇党委书记", "feedback": "限期整改"},
    )
    visit.refresh_from_db()
    assert finding.serious and Rectification.objects.get().deadline == dt.date(2020, 2, 22)
    assert visit.feedback_sent_on == DAY and visit.feedback_to == "镇党委书记"


def test_a_visit_to_a_village_code_is_refused_with_a_message(users, api_for, leader):
    resp = api_for("county_admin").post(
        "/api/v1/supervision/visits/",
        {
            "leader_id": leader.pk,
            "division_code": testing.YUANTANG,
            "visited_on": "2020-02-18",
            "checked": "卡点",
        },
        content_type="application/json",
    )
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "division_code"


def test_overdue_rectification_shows_overdue_and_a_closed_one_does_not(users, client_for, api_for, leader):
    visit = _visit(users, leader)
    overdue = _item(users, visit, dt.date(2020, 2, 15), "逾期问题")
    closed = _item(users, visit, dt.date(2020, 2, 14), "已整改问题")
    running = _item(users, visit, dt.date(2020, 2, 25), "未到期问题")
    services.rectification_close(actor=users["gaoxing_admin"], item=closed, note="已整改到位，附照片")
    assert overdue.is_overdue(DAY) and not running.is_overdue(DAY)
    closed.refresh_from_db()
    assert not closed.is_overdue(DAY)
    c = client_for("gaoxing_admin")
    listed = c.get("/supervision/rectifications/?state=overdue").content.decode()
    assert "逾期问题" in listed and "已整改问题" not in listed and "未到期问题" not in listed
    everything = c.get("/supervision/rectifications/").content.decode()
    assert everything.count("badge alert") == 1
    items = {
        i["id"]: i
        for i in api_for("gaoxing_admin").get("/api/v1/supervision/rectifications/").json()["items"]
    }
    assert (
        items[overdue.pk]["overdue"] and not items[closed.pk]["overdue"] and not items[running.pk]["overdue"]
    )
    ids = [
        i["id"]
        for i in api_for("gaoxing_admin")
        .get("/api/v1/supervision/rectifications/?state=overdue")
        .json()["items"]
    ]
    assert ids == [overdue.pk]
    assert "badge alert" in c.get(f"/supervision/rectifications/{overdue.pk}/").content.decode()
    assert "badge alert" not in c.get(f"/supervision/rectifications/{closed.pk}/").content.decode()


def test_township_closes_its_own_item_with_evidence(users, client_for, leader):
    item = _item(users, _visit(users, leader), dt.date(2020, 2, 15))
    photo = SimpleUploadedFile("整改.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
    resp = client_for("gaoxing_admin").post(
        f"/supervision/rectifications/{item.pk}/", {"note": "已补齐夜间值守人员", "evidence": photo}
    )
    assert resp.status_code == 302
    item.refresh_from_db()
    assert item.closed_on == DAY and item.evidence and item.closed_by == users["gaoxing_admin"]
    assert (
        client_for("county_leader").get(f"/supervision/rectifications/{item.pk}/evidence/").status_code == 200
    )


@pytest.mark.parametrize(
    "username,status",
    [("junchun_admin", 404), ("xgwest_duty", 403), ("county_leader", 403), ("yuantang_secretary", 403)],
)
def test_closing_refused_for_wrong_role_or_township(users, client_for, leader, username, status):
    item = _item(users, _visit(users, leader), dt.date(2020, 2, 15))
    assert (
        client_for(username)
        .post(f"/supervision/rectifications/{item.pk}/", {"note": "已补齐夜间值守人员"})
        .status_code
        == status
    )
    item.refresh_from_db()
    assert item.closed_on is None


def test_a_township_sees_its_own_visits_only(users, client_for, api_for, leader):
    own = _visit(users, leader, testing.GAOXING)
    other = _visit(users, leader, testing.JUNCUN)
    c = client_for("gaoxing_admin")
    assert c.get(f"/supervision/visits/{own.pk}/").status_code == 200
    assert c.get(f"/supervision/visits/{other.pk}/").status_code == 404
    ids = [v["id"] for v in api_for("gaoxing_admin").get("/api/v1/supervision/visits/").json()["items"]]
    assert ids == [own.pk]
    assert client_for("yuantang_secretary").get("/supervision/visits/").status_code == 403


def test_figures_count_open_and_overdue_items_on_the_day(users, leader):
    from frontline.core.figures import compute

    visit = _visit(users, leader)
    _item(users, visit, dt.date(2020, 2, 15))
    _item(users, visit, dt.date(2020, 2, 25))
    closed = _item(users, visit, dt.date(2020, 2, 12))
    services.rectification_close(
        actor=users["county_admin"], item=closed, note="整改到位整改到位", closed_on=dt.date(2020, 2, 13)
    )
    got = compute(
        testing.GAOXING,
        DAY,
        DAY,
        keys=["rectifications_open", "rectifications_overdue", "supervision_visits"],
    )
    assert got == {"rectifications_open": 2, "rectifications_overdue": 1, "supervision_visits": 0}
    assert compute(testing.JUNCUN, DAY, DAY, keys=["rectifications_open"]) == {"rectifications_open": 0}


def test_supervision_lists_pin_their_query_counts(
    users, client_for, api_for, leader, django_assert_max_num_queries
):
    for day in range(1, 11):
        _item(users, _visit(users, leader, day=dt.date(2020, 2, day)), dt.date(2020, 2, 15))
    services.assignment_create(actor=users["county_admin"], leader=leader, division_code=testing.GAOXING)
    assert Division.objects.filter(level="township").count() == 3
    c, api = client_for("county_leader"), api_for("county_leader")
    for url in (
        "/supervision/",
        "/supervision/visits/",
        "/supervision/findings/",
        "/supervision/rectifications/",
    ):
        with django_assert_max_num_queries(9):
            assert c.get(url).status_code == 200
    for url in (
        "/api/v1/supervision/visits/",
        "/api/v1/supervision/rectifications/",
        "/api/v1/supervision/assignments/",
    ):
        with django_assert_max_num_queries(8):
            assert api.get(url).status_code == 200


@pytest.mark.parametrize("username", ["gaoxing_admin", "county_leader", "county_discipline"])
def test_only_county_admin_records_findings_feedback_and_rectifications(users, client_for, leader, username):
    visit = _visit(users, leader)
    finding = services.finding_create(actor=users["county_admin"], visit=visit, text="原有问题")
    c = client_for(username)
    assert c.post(f"/supervision/visits/{visit.pk}/findings/", {"text": "新问题"}).status_code == 403
    assert (
        c.post(
            f"/supervision/visits/{visit.pk}/feedback/", {"sent_on": "2020-02-19", "to": "x", "feedback": "y"}
        ).status_code
        == 403
    )
    data = {"finding": finding.pk, "action": "整改", "owner": "某人", "deadline": "2020-02-25"}
    assert c.post(f"/supervision/findings/{finding.pk}/rectifications/", data).status_code == 403
    visit.refresh_from_db()
    assert (
        Finding.objects.count() == 1 and not Rectification.objects.exists() and visit.feedback_sent_on is None
    )


def test_rectification_evidence_is_stored_without_the_uploaded_file_name(users, client_for, leader):
    item = _item(users, _visit(users, leader), dt.date(2020, 2, 15))
    photo = SimpleUploadedFile("钟伟-360732199001011234.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
    client_for("gaoxing_admin").post(
        f"/supervision/rectifications/{item.pk}/", {"note": "已补齐夜间值守人员", "evidence": photo}
    )
    item.refresh_from_db()
    assert item.evidence.name.endswith(".jpg") and "钟伟" not in item.evidence.name
    assert "360732199" not in item.evidence.name


def test_supervision_pages_say_supervision_not_care_visits(users, client_for, leader):
    """Care and supervision both have "Visits": supervision's are 督导, in context (one catalog per language)."""
    c = client_for("county_admin")
    coverage = c.get("/supervision/").content.decode()
    assert "督导记录" in coverage and "走访慰问" not in coverage
    visits = c.get("/supervision/visits/").content.decode()
    assert "登记督导" in visits and "走访慰问" not in visits
    resp = c.post(
        "/supervision/visits/new/",
        {
            "leader": leader.pk,
            "division_code": testing.GAOXING,
            "visited_on": "2020-02-18",
            "checked": "卡点",
        },
        follow=True,
    )
    assert "督导已登记。" in resp.content.decode()
