import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from frontline.core.figures import all_figures, compute
from frontline.people.models import Membership, Organization
from frontline.publicity import services
from frontline.publicity.brief import daily_brief
from frontline.publicity.models import ColumnPost, Deed, Submission
from frontline.testing import make_person

DAY = dt.date(2020, 2, 19)
AT = timezone.make_aware(dt.datetime(2020, 2, 19, 10, 0))


def _changers(users):
    """For each figure this app and people own: a function that adds one record changing it."""

    def member():
        org, _ = Organization.objects.get_or_create(
            division_code="360732217203", kind="village_branch", name="中共园塘村支部委员会"
        )
        Membership.objects.create(
            person=make_person("360732217203", "新党员"),
            organization=org,
            kind="probationary",
            division_code=org.division_code,
        )

    def organization():
        Organization.objects.create(
            division_code="360732217203", kind="party_group", name=f"党小组{Organization.objects.count()}"
        )

    def post():
        ColumnPost.objects.create(
            division_code="360732217203",
            title="t",
            body="b",
            status="published",
            author=users["county_publicity"],
            publish_date=DAY,
        )

    def deed(published=False):
        return Deed.objects.create(
            division_code="360732217203",
            title="d",
            story="s",
            nominated_by=users["yuantang_secretary"],
            nominated_at=AT,
            status="published" if published else "nominated",
            published_at=AT if published else None,
        )

    def submission(status="sent"):
        Submission.objects.create(
            division_code="360732217203",
            deed=deed(),
            level="city_org",
            sent_at=AT,
            sent_by=users["county_publicity"],
            status=status,
            status_at=AT,
        )

    return {
        "party_members": member,
        "organizations": organization,
        "posts_published": post,
        "deeds_nominated": deed,
        "deeds_published": lambda: deed(published=True),
        "submissions_sent": submission,
        "submissions_adopted": lambda: submission("accepted"),
    }


def test_every_registered_figure_in_the_brief_equals_compute(users):
    brief = daily_brief("360732217", DAY)
    assert set(brief.figures) == {f.key for f in all_figures()}
    assert brief.figures == compute("360732217", DAY, DAY)


@pytest.mark.parametrize(
    "key",
    sorted(
        [
            "party_members",
            "organizations",
            "posts_published",
            "deeds_nominated",
            "deeds_published",
            "submissions_sent",
            "submissions_adopted",
        ]
    ),
)
def test_adding_a_record_changes_its_figure_in_the_brief(users, key):
    before = daily_brief("360732217", DAY).figures[key]
    _changers(users)[key]()
    after = daily_brief("360732217", DAY)
    assert after.figures[key] == before + 1
    assert after.figures == compute("360732217", DAY, DAY)
    # A record in another township does not move this township's brief.
    assert daily_brief("360732104", DAY).figures[key] == compute("360732104", DAY, DAY)[key]


def test_every_figure_counts_only_the_subtree(users):
    changers = _changers(users)
    for fn in changers.values():
        fn()
    inside = compute("360732217203", DAY, DAY)
    outside = compute("360732217204", DAY, DAY)
    for key in changers:
        assert inside[key] >= 1, key
        assert outside[key] == 0, key


def test_narrative_tells_nonzero_figures_only(users):
    _changers(users)["posts_published"]()
    text = daily_brief("360732217203", DAY).text
    assert text.startswith("2月19日，园塘村")
    assert "专栏发布稿件1篇" in text
    assert "典型事迹" not in text  # zero figures make no sentence


def test_narrative_of_a_quiet_day_says_so(users):
    text = daily_brief("360732217204", DAY).text
    assert "暂无" in text


def test_figure_registered_later_appears_in_brief_and_text(users, monkeypatch):
    from frontline.core import figures as registry

    monkeypatch.setitem(
        registry._FIGURES,
        "vehicles_registered_test",
        registry.Figure(
            key="vehicles_registered_test",
            label="登记车辆",
            fn=lambda d, s, e: 152,
            unit="辆",
            order=20,
            app="checkpoints",
        ),
    )
    brief = daily_brief("360732104", DAY)
    assert brief.figures["vehicles_registered_test"] == 152
    assert "登记车辆152辆" in brief.text


def test_api_daily_brief_answers_figures_and_text(users, api_for):
    _changers(users)["posts_published"]()
    response = api_for("changgang_admin").get(
        "/api/v1/reports/daily-brief?division=360732217203&date=2020-02-19"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["division_code"] == "360732217203"
    assert data["date"] == "2020-02-19"
    assert data["figures"] == compute("360732217203", DAY, DAY)
    assert "专栏发布稿件1篇" in data["text"]


def test_village_user_cannot_get_another_villages_brief(users, api_for, client_for):
    api = api_for("yuantang_secretary")
    assert api.get("/api/v1/reports/daily-brief?division=360732217204&date=2020-02-19").status_code == 404
    assert api.get("/api/v1/reports/daily-brief?division=360732217203&date=2020-02-19").status_code == 200
    web = client_for("yuantang_secretary")
    assert web.get("/publicity/brief/?division=360732217204&date=2020-02-19").status_code == 404
    assert web.get("/publicity/brief/docx/?division=360732217204&date=2020-02-19").status_code == 404


def test_role_without_brief_permission_is_refused(users, api_for):
    assert api_for("xgwest_duty").get("/api/v1/reports/daily-brief?division=360732104").status_code == 403


def test_bad_date_gets_422(users, api_for):
    response = api_for("county_admin").get("/api/v1/reports/daily-brief?division=360732&date=2020-02-30")
    assert response.status_code == 422


def test_brief_page_and_docx(users, client_for):
    _changers(users)["posts_published"]()
    c = client_for("changgang_admin")
    page = c.get("/publicity/brief/?division=360732217&date=2020-02-19")
    assert page.status_code == 200
    assert "brief-print.css" in page.content.decode()
    response = c.get("/publicity/brief/docx/?division=360732217&date=2020-02-19")
    assert response.status_code == 200
    from docx import Document

    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "专栏发布稿件1篇" in text
    assert doc.tables[0].rows[0].cells[0].text


def test_brief_page_query_count_is_bounded(users, client_for, django_assert_max_num_queries):
    c = client_for("county_admin")
    n = len(all_figures())
    with django_assert_max_num_queries(15 + n):
        assert c.get("/publicity/brief/?division=360732&date=2020-02-19").status_code == 200


def test_deed_and_submission_flow_moves_figures(users):
    deed = services.deed_nominate(actor=users["yuantang_secretary"], title="李良", story="回村组队")
    assert compute("360732217203", DAY, DAY, keys=["deeds_nominated"]) == {"deeds_nominated": 1}
    services.deed_decide(actor=users["county_publicity"], deed=deed, action="publish")
    services.submission_create(actor=users["county_publicity"], deed=deed, level="city_org")
    figures = compute("360732", DAY, DAY)
    assert figures["deeds_published"] == 1 and figures["submissions_sent"] == 1
    assert get_user_model().objects.count() > 0


def test_breakdown_and_money_figures_render_in_brief_and_docx(users, monkeypatch, client_for):
    from frontline.core import figures as registry

    monkeypatch.setitem(
        registry._FIGURES,
        "busiest_test",
        registry.Figure(
            key="busiest_test",
            label="车流最多的卡口",
            unit="辆",
            order=26,
            app="checkpoints",
            fn=lambda d, s, e: {"checkpoint": "兴国西出口", "date": "2020-01-28", "vehicles": 152},
        ),
    )
    monkeypatch.setitem(
        registry._FIGURES,
        "money_test",
        registry.Figure(
            key="money_test",
            label="发放慰问金",
            unit="元",
            order=700,
            app="care",
            fn=lambda d, s, e: 371000.0,
        ),
    )
    brief = daily_brief("360732", DAY)
    lines = {line.key: line for line in brief.lines}
    assert lines["busiest_test"].display == "兴国西出口 · 2020-01-28 · 152"
    assert "发放慰问金371000元" in brief.text
    page = (
        client_for("county_admin").get("/publicity/brief/?division=360732&date=2020-02-19").content.decode()
    )
    assert "兴国西出口 · 2020-01-28 · 152" in page
    assert (
        client_for("county_admin").get("/publicity/brief/docx/?division=360732&date=2020-02-19").status_code
        == 200
    )
