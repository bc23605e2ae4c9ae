import pytest

from frontline import testing
from frontline.discipline.models import Acknowledgement, RuleSet
from frontline.discipline.tests import factories as f


def test_county_admin_publishes_a_new_version_and_the_old_one_is_kept_retired(users, client_for):
    v1 = f.rules(users, 9)
    resp = client_for("county_admin").post(
        "/discipline/rules/new/",
        {"title": "十严禁（修订）", "rules": "\n".join(f"严禁{i}" for i in range(10))},
    )
    assert resp.status_code == 302
    v1.refresh_from_db()
    v2 = RuleSet.objects.get(in_force=True)
    assert not v1.in_force and v2.version == 2 and v2.rules.count() == 10
    assert list(v2.rules.values_list("number", flat=True)) == list(range(1, 11))
    assert RuleSet.objects.count() == 2


@pytest.mark.parametrize(
    "username", ["county_discipline", "county_leader", "gaoxing_admin", "yuantang_secretary"]
)
def test_only_county_admin_may_publish_rules(users, client_for, username):
    resp = client_for(username).post("/discipline/rules/new/", {"title": "x", "rules": "严禁"})
    assert resp.status_code == 403
    assert not RuleSet.objects.exists()


def test_publishing_without_rules_answers_a_clear_message(users, api_for):
    resp = api_for("county_admin").post(
        "/api/v1/discipline/rulesets/", {"title": "十严禁", "rules": ["  "]}, content_type="application/json"
    )
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["field"] == "rules"


def test_every_role_reads_the_rules_in_force(users, client_for):
    f.rules(users)
    resp = client_for("xgwest_duty").get("/discipline/rules/")
    assert resp.status_code == 200 and "严禁第10条" in resp.content.decode()


def test_cadre_acknowledges_the_version_in_force_for_themself(users, client_for):
    f.rules(users)
    cadre = f.org_cadre(testing.GAOXING, "王姝")
    user = users["xgwest_duty"]  # any account linked to the cadre's person
    user.person = cadre.person
    user.save()
    resp = client_for("xgwest_duty").post("/discipline/rules/acknowledge/")
    assert resp.status_code == 302
    assert Acknowledgement.objects.filter(cadre=cadre, ruleset__in_force=True).exists()


def test_township_admin_records_acknowledgements_of_its_own_cadres_only(users, client_for):
    f.rules(users)
    own = f.org_cadre(testing.GAOXING, "本镇干部")
    other = f.org_cadre(testing.JUNCUN, "他乡干部")
    c = client_for("gaoxing_admin")
    assert c.post("/discipline/rules/pending/record/", {"cadre": [own.pk]}).status_code == 302
    assert c.post("/discipline/rules/pending/record/", {"cadre": [other.pk]}).status_code == 404
    assert Acknowledgement.objects.filter(cadre=own).count() == 1
    assert not Acknowledgement.objects.filter(cadre=other).exists()
    assert (
        client_for("yuantang_secretary")
        .post("/discipline/rules/pending/record/", {"cadre": [own.pk]})
        .status_code
        == 403
    )


def test_pending_page_lists_who_has_not_acknowledged_within_the_township(
    users, client_for, django_assert_max_num_queries
):
    rs = f.rules(users)
    done = f.org_cadre(testing.GAOXING, "已签干部")
    f.org_cadre(testing.GAOXING, "未签干部")
    f.org_cadre(testing.JUNCUN, "均村未签")
    Acknowledgement.objects.create(
        ruleset=rs, cadre=done, acknowledged_at="2020-02-01T09:00+08:00", division_code=done.division_code
    )
    c = client_for("gaoxing_admin")
    with django_assert_max_num_queries(12):
        body = c.get("/discipline/rules/pending/").content.decode()
    assert "未签干部" in body and "已签干部" not in body and "均村未签" not in body
    county = client_for("county_leader").get("/discipline/rules/pending/").content.decode()
    assert "均村未签" in county


def test_village_user_cannot_see_who_is_pending(users, client_for):
    assert client_for("yuantang_secretary").get("/discipline/rules/pending/").status_code == 403
