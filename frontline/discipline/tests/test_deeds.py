"""十带头: pledges, deeds (by hand and from work records), 党性体检."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from frontline import testing
from frontline.core.events import emit_work_done
from frontline.discipline import pledges, services, teams
from frontline.discipline.models import Assessment, Deed, Pledge, TaskRecord
from frontline.discipline.tests import factories as f
from frontline.people.models import Membership
from frontline.supervision.models import Finding, Visit


def _at(day=19, hour=10):
    return timezone.make_aware(dt.datetime(2020, 2, day, hour, 0))


def test_village_secretary_records_the_pledge_of_every_member_of_the_village(users, client_for):
    for i in range(3):
        f.member(testing.YUANTANG, f"园塘党员{i}")
    f.member(testing.TANGSHI, "塘石党员")
    resp = client_for("yuantang_secretary").post("/discipline/pledges/bulk/", {"division": testing.YUANTANG})
    assert resp.status_code == 302
    assert Pledge.objects.count() == 3
    assert not Pledge.objects.filter(person__name="塘石党员").exists()


def test_a_village_cannot_pledge_for_the_neighbour_village(users, client_for):
    f.member(testing.YUANTANG, "园塘党员")
    assert (
        client_for("tangshi_secretary")
        .post("/discipline/pledges/bulk/", {"division": testing.YUANTANG})
        .status_code
        == 404
    )
    assert (
        client_for("xgwest_duty").post("/discipline/pledges/bulk/", {"division": testing.GAOXING}).status_code
        == 403
    )
    assert not Pledge.objects.exists()


def test_deed_by_hand_wrong_role_and_wrong_jurisdiction_refused(users, client_for):
    m = f.member(testing.YUANTANG, "园塘党员")
    data = {
        "person": m.person_id,
        "item": "volunteer",
        "what": "代购物资",
        "happened_at": "2020-02-18T10:00",
        "place": "园塘村",
    }
    assert client_for("tangshi_secretary").post("/discipline/deeds/new/", data).status_code == 404
    assert client_for("xgwest_duty").post("/discipline/deeds/new/", data).status_code == 403
    assert not Deed.objects.exists()
    assert client_for("yuantang_secretary").post("/discipline/deeds/new/", data).status_code == 302
    deed = Deed.objects.get()
    assert deed.source_kind == "manual" and deed.item == "volunteer"


def test_a_deed_in_the_future_is_refused_with_a_message(users, api_for):
    m = f.member(testing.YUANTANG, "园塘党员")
    resp = api_for("yuantang_secretary").post(
        "/api/v1/discipline/deeds/",
        {
            "person_id": m.person_id,
            "item": "post",
            "what": "值守",
            "happened_at": "2020-03-01T10:00:00+08:00",
        },
        content_type="application/json",
    )
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "happened_at"


def test_a_supervision_visit_creates_a_deed_for_the_leader_pointing_at_the_visit(users):
    from frontline.supervision import services as sup

    leader = f.org_cadre(testing.COUNTY, "部领导").person
    visit = sup.visit_create(
        actor=users["county_admin"],
        leader=leader,
        division_code=testing.GAOXING,
        visited_on=dt.date(2020, 2, 18),
        checked="卡点值守",
    )
    deed = Deed.objects.get(person=leader)
    assert deed.source == visit
    assert deed.source_type == ContentType.objects.get_for_model(Visit) and deed.source_id == visit.pk
    assert deed.source_kind == "supervision_visit" and deed.item == "policy" and deed.place == "高兴镇"
    assert "2020-02-18" in deed.source_label


@pytest.mark.parametrize(
    "kind,item",
    [
        ("shift_served", "post"),
        ("support_delivered", "volunteer"),
        ("patrol_done", "study"),
        ("gathering_persuaded", "order"),
    ],
)
def test_work_events_become_deeds_against_the_right_item(users, kind, item):
    m = f.member(testing.YUANTANG, "园塘党员")
    record = Finding.objects.create(
        visit=Visit.objects.create(
            division_code=testing.CHANGGANG, visited_on=dt.date(2020, 2, 1), leader=m.person, checked="x"
        ),
        text="a stand-in work record",
        division_code=testing.CHANGGANG,
    )
    emit_work_done(
        kind=kind,
        person=m.person,
        obj=record,
        division_code=testing.YUANTANG,
        at=_at(),
        actor=users["yuantang_secretary"],
    )
    deed = Deed.objects.get(person=m.person)
    assert deed.item == item and deed.source == record


def test_checkin_is_volunteer_service_for_members_and_post_for_cadres(users):
    m = f.member(testing.YUANTANG, "园塘党员")
    cadre = f.org_cadre(testing.CHANGGANG, "长冈干部")
    for person in (m.person, cadre.person):
        emit_work_done(
            kind="checkin_done", person=person, obj=person, division_code=testing.YUANTANG, at=_at()
        )
    assert Deed.objects.get(person=m.person).item == "volunteer"
    assert Deed.objects.get(person=cadre.person).item == "post"


def test_registrations_are_one_deed_per_person_per_day_with_a_count(users):
    m = f.member(testing.SHUITOU, "登记员")
    records = [f.org("other", testing.GAOXING, f"登记{i}") for i in range(4)]
    for i, r in enumerate(records[:3]):
        emit_work_done(
            kind="registration_done", person=m.person, obj=r, division_code=testing.GAOXING, at=_at(19, 8 + i)
        )
    emit_work_done(
        kind="registration_done",
        person=m.person,
        obj=records[3],
        division_code=testing.GAOXING,
        at=_at(18, 9),
    )
    deeds = Deed.objects.filter(person=m.person).order_by("happened_at")
    assert [d.count for d in deeds] == [1, 3]
    assert deeds[1].source == records[0]  # points at the day's first record


def test_unknown_work_kinds_are_ignored(users):
    m = f.member(testing.YUANTANG, "园塘党员")
    emit_work_done(kind="something_else", person=m.person, obj=m, division_code=testing.YUANTANG, at=_at())
    assert not Deed.objects.exists()


def test_work_records_are_linked_to_the_running_task_of_the_members_commando_team(users):
    cadre = f.org_cadre(testing.GAOXING, "突击队员")
    team = teams.team_create(
        actor=users["gaoxing_admin"], name="高兴镇党员突击队", organization=cadre.unit, leader=cadre.person
    )
    task = teams.team_task_create(
        actor=users["gaoxing_admin"],
        team=team,
        kind="screening",
        title="返乡人员摸排",
        starts_on=dt.date(2020, 2, 1),
    )
    record = f.org("other", testing.GAOXING, "一条登记")
    emit_work_done(
        kind="registration_done", person=cadre.person, obj=record, division_code=testing.SHUITOU, at=_at()
    )
    link = TaskRecord.objects.get()
    assert link.task == task and link.record == record and link.person == cadre.person


def test_branch_assesses_its_member_and_the_form_shows_deeds(users, client_for):
    m = f.member(testing.YUANTANG, "园塘党员")
    pledges.deed_create(
        actor=users["yuantang_secretary"], person=m.person, item="post", what="卡点值守", happened_at=_at(18)
    )
    c = client_for("yuantang_secretary")
    page = c.get(f"/discipline/members/{m.person_id}/").content.decode()
    assert "卡点值守" in page
    assert (
        c.post(
            f"/discipline/members/{m.person_id}/", {"rating": "excellent", "comments": "表现突出"}
        ).status_code
        == 302
    )
    a = Assessment.objects.get()
    assert a.rating == "excellent" and a.deeds_count == 1 and a.branch == m.organization


def test_assessment_wrong_role_and_wrong_jurisdiction_refused(users, client_for):
    m = f.member(testing.YUANTANG, "园塘党员")
    assert (
        client_for("tangshi_secretary")
        .post(f"/discipline/members/{m.person_id}/", {"rating": "good"})
        .status_code
        == 404
    )
    assert (
        client_for("county_leader")
        .post(f"/discipline/members/{m.person_id}/", {"rating": "good"})
        .status_code
        == 403
    )
    assert not Assessment.objects.exists()


def test_a_member_with_a_confirmed_negative_entry_cannot_be_rated_excellent(users):
    cadre = f.org_cadre(testing.GAOXING, "有记录干部")
    entry = services.negative_entry_create(
        actor=users["county_discipline"],
        cadre=cadre,
        category="other",
        facts="台账不实不实",
        occurred_on=dt.date(2020, 2, 1),
    )
    services.negative_entry_review(actor=users["county_discipline"], entry=entry, status="under_review")
    services.negative_entry_review(
        actor=users["county_discipline"], entry=entry, status="confirmed", note="属实"
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        pledges.assessment_record(actor=users["gaoxing_admin"], person=cadre.person, rating="excellent")
    assert (
        pledges.assessment_record(actor=users["gaoxing_admin"], person=cadre.person, rating="good").rating
        == "good"
    )


def test_assessment_form_hides_negative_entries_from_village_roles(users, client_for):
    m = f.member(testing.YUANTANG, "园塘党员")
    body = client_for("yuantang_secretary").get(f"/discipline/members/{m.person_id}/").content.decode()
    assert "负面清单" in body or "Negative-list entries" in body
    assert "对你的角色不可见" in body or "Not visible to your role." in body


def test_deed_and_pledge_lists_pin_their_query_counts(
    users, client_for, api_for, django_assert_max_num_queries
):
    for i in range(12):
        m = f.member(testing.YUANTANG, f"党员{i}")
        pledges.deed_create(
            actor=users["yuantang_secretary"], person=m.person, item="post", what="值守", happened_at=_at(18)
        )
    c = client_for("yuantang_secretary")
    with django_assert_max_num_queries(8):
        assert c.get("/discipline/deeds/").status_code == 200
    with django_assert_max_num_queries(8):
        assert c.get("/discipline/pledges/").status_code == 200
    api = api_for("yuantang_secretary")
    with django_assert_max_num_queries(10):
        assert api.get("/api/v1/discipline/deeds/").json()["count"] == 12
    assert Membership.objects.count() == 12


def test_the_same_record_announced_twice_makes_one_deed(users):
    m = f.member(testing.YUANTANG, "园塘党员")
    record = f.org("other", testing.YUANTANG, "一次走访")
    for _ in range(2):
        emit_work_done(
            kind="support_delivered", person=m.person, obj=record, division_code=testing.YUANTANG, at=_at()
        )
    assert Deed.objects.filter(person=m.person).count() == 1


def test_deed_photo_is_stored_without_the_uploaded_file_name(users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    m = f.member(testing.YUANTANG, "园塘党员")
    photo = SimpleUploadedFile("钟伟-360732199001011234.jpg", b"\xff\xd8\xff", content_type="image/jpeg")
    deed = pledges.deed_create(
        actor=users["yuantang_secretary"],
        person=m.person,
        item="post",
        what="卡点值守",
        happened_at=_at(18),
        photo=photo,
    )
    assert deed.photo.name.startswith("discipline/deeds/") and deed.photo.name.endswith(".jpg")
    assert "钟伟" not in deed.photo.name and "360732199" not in deed.photo.name
