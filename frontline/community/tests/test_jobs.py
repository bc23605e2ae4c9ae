import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from frontline.community import services
from frontline.community.models import EmploymentSurvey, JobMatch, JobPosting
from frontline.core.figures import compute
from frontline.testing import CHANGGANG, GAOXING, YUANTANG

DAY = dt.date(2020, 2, 19)


@pytest.fixture
def posting(users, yt):
    return services.job_posting_create(
        actor=users["changgang_admin"],
        division_code=CHANGGANG,
        employer="长冈乡扶贫车间",
        title="缝纫工",
        place="长冈乡圩镇",
        positions=1,
        pay_min_yuan=2500,
        pay_max_yuan=3500,
        valid_until=DAY + dt.timedelta(days=30),
        contact_phone="17012345678",
    )


def test_survey_counts_must_fit_the_household(users, yt):
    with pytest.raises(ValidationError) as exc:
        services.employment_survey_create(
            actor=users["yuantang_secretary"],
            division_code=YUANTANG,
            household_head="钟",
            members_surveyed=2,
            working_away=2,
            seeking_work=1,
        )
    assert "members_surveyed" in exc.value.message_dict
    survey = services.employment_survey_create(
        actor=users["yuantang_secretary"],
        division_code=YUANTANG,
        household_head="钟",
        members_surveyed=4,
        working_away=2,
        seeking_work=1,
        farming=1,
    )
    assert compute(YUANTANG, DAY, DAY, ["employment_surveys"])["employment_surveys"] == 1
    assert survey.seeking_work == 1


def test_posting_contact_mobile_is_masked(posting):
    assert posting.phone_masked == "170****5678" and "17012345678" not in posting.phone_enc


def test_pay_range_must_be_ordered(users, yt):
    with pytest.raises(ValidationError) as exc:
        services.job_posting_create(
            actor=users["yuantang_secretary"],
            division_code=YUANTANG,
            employer="厂",
            title="工",
            place="村",
            positions=1,
            pay_min_yuan=5000,
            pay_max_yuan=3000,
            valid_until=DAY,
        )
    assert "pay_max_yuan" in exc.value.message_dict


def test_village_matches_its_villager_to_a_township_posting(users, yt, posting):
    match = services.job_match_create(
        actor=users["yuantang_secretary"], posting=posting, person=yt["people"][1].pk
    )
    assert match.division_code == YUANTANG
    services.job_match_decide(actor=users["yuantang_secretary"], match=match, status="hired")
    assert compute(CHANGGANG, DAY, DAY, ["job_matches", "job_hires"]) == {"job_matches": 1, "job_hires": 1}


def test_hiring_beyond_positions_is_refused(users, yt, posting):
    a = services.job_match_create(
        actor=users["yuantang_secretary"], posting=posting, person=yt["people"][1].pk
    )
    b = services.job_match_create(
        actor=users["yuantang_secretary"], posting=posting, person=yt["people"][2].pk
    )
    services.job_match_decide(actor=users["yuantang_secretary"], match=a, status="hired")
    with pytest.raises(ValidationError):
        services.job_match_decide(actor=users["yuantang_secretary"], match=b, status="hired")


def test_match_refused_for_other_township_posting_and_other_village_person(users, yt, ts, posting):
    other = services.job_posting_create(
        actor=users["gaoxing_admin"],
        division_code=GAOXING,
        employer="高兴镇基地",
        title="种植工",
        place="高兴镇",
        positions=3,
        valid_until=DAY,
    )
    with pytest.raises(ValidationError):
        services.job_match_create(actor=users["yuantang_secretary"], posting=other, person=yt["people"][1].pk)
    with pytest.raises(ValidationError):
        services.job_match_create(actor=users["yuantang_secretary"], posting=posting, person=ts["person"].pk)
    with pytest.raises(PermissionDenied):
        services.job_match_create(actor=users["yuantang_doctor"], posting=posting, person=yt["people"][1].pk)


def test_decide_refused_for_neighbour_village(users, yt, posting):
    match = services.job_match_create(
        actor=users["yuantang_secretary"], posting=posting, person=yt["people"][1].pk
    )
    with pytest.raises(Http404):
        services.job_match_decide(actor=users["tangshi_secretary"], match=match, status="hired")


def test_job_pages_scope_and_refuse(client_for, users, yt, posting, django_assert_max_num_queries):
    client = client_for("yuantang_secretary")
    with django_assert_max_num_queries(6):
        page = client.get("/community/jobs/")
    assert [p.pk for p in page.context["page"]] == [posting.pk]  # the township's posting is visible below
    assert client_for("gaoxing_admin").get(f"/community/jobs/{posting.pk}/").status_code == 404
    url = f"/community/jobs/{posting.pk}/match/"
    assert client_for("xgwest_duty").post(url, {"person": yt["people"][1].pk}).status_code == 403
    assert client_for("gaoxing_admin").post(url, {"person": yt["people"][1].pk}).status_code == 404
    assert client_for("tangshi_secretary").post(url, {"person": yt["people"][1].pk}).status_code == 422
    assert JobMatch.objects.count() == 0
    assert client_for("yuantang_secretary").post(url, {"person": yt["people"][1].pk}).status_code == 302
    match = JobMatch.objects.get()
    decide = f"/community/jobs/matches/{match.pk}/decide/"
    assert client_for("tangshi_secretary").post(decide, {"status": "hired"}).status_code == 404
    assert client_for("county_leader").post(decide, {"status": "hired"}).status_code == 403
    match.refresh_from_db()
    assert match.status == "introduced"


def test_posting_and_survey_forms_refuse_wrong_role_and_wrong_village(client_for, yt):
    posting = {
        "division_code": YUANTANG,
        "employer": "厂",
        "title": "工",
        "place": "村",
        "positions": "2",
        "pay_period": "month",
        "valid_until": "2020-03-01",
    }
    survey = {"division_code": YUANTANG, "household_head": "钟", "members_surveyed": "3", "working_away": "1"}
    for url, data, model in (
        ("/community/jobs/new/", posting, JobPosting),
        ("/community/jobs/surveys/new/", survey, EmploymentSurvey),
    ):
        assert client_for("yuantang_doctor").post(url, data).status_code == 403
        assert (
            client_for("tangshi_secretary").post(url, {**data, "division_code": YUANTANG}).status_code == 422
        )
        assert model.objects.count() == 0
        assert client_for("yuantang_secretary").post(url, data).status_code == 302
        assert model.objects.count() == 1
    assert client_for("tangshi_secretary").get("/community/jobs/surveys/").context["households"] == 0
