"""负面清单 / 追责问责: discipline and county roles write; county leaders and the cadre's own township
leadership read; nobody else (village users, checkpoint duty, other townships, finance, publicity)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from frontline import testing
from frontline.discipline import services
from frontline.discipline.models import AccountabilityCase, NegativeEntry
from frontline.discipline.tests import factories as f


@pytest.fixture
def cadre(users):
    return f.org_cadre(testing.GAOXING, "被记干部")


@pytest.fixture
def entry(users, cadre):
    return services.negative_entry_create(
        actor=users["county_discipline"],
        cadre=cadre,
        category="buck_passing",
        facts="对摸排名单核对互相推诿",
        occurred_on=dt.date(2020, 2, 10),
    )


def _form(cadre, **extra):
    return {
        "cadre": cadre.pk,
        "category": "inaction",
        "occurred_on": "2020-02-12",
        "facts": "两次催办仍未落实",
        **extra,
    }


@pytest.mark.parametrize("username", ["county_discipline", "county_admin"])
def test_discipline_and_county_admin_record_entries_with_evidence(users, client_for, cadre, username):
    evidence = SimpleUploadedFile("催办记录.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    resp = client_for(username).post("/discipline/negative/new/", _form(cadre, evidence=evidence))
    assert resp.status_code == 302
    entry = NegativeEntry.objects.get()
    assert entry.recorded_by == users[username] and entry.status == "recorded" and entry.evidence
    download = client_for("gaoxing_admin").get(f"/discipline/negative/{entry.pk}/evidence/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["X-Content-Type-Options"] == "nosniff" and "催办" not in download["Content-Disposition"]
    # A file gone from disk (a lost volume, an interrupted restore) is a 404, not a server error.
    entry.evidence.storage.delete(entry.evidence.name)
    assert client_for("gaoxing_admin").get(f"/discipline/negative/{entry.pk}/evidence/").status_code == 404


@pytest.mark.parametrize(
    "username",
    [
        "county_leader",
        "gaoxing_admin",
        "yuantang_secretary",
        "xgwest_duty",
        "yuantang_grid",
        "county_finance",
        "county_publicity",
    ],
)
def test_other_roles_cannot_record_entries(users, client_for, api_for, cadre, username):
    assert client_for(username).post("/discipline/negative/new/", _form(cadre)).status_code == 403
    api = api_for(username).post(
        "/api/v1/discipline/negative-entries/",
        {
            "cadre_id": cadre.pk,
            "category": "inaction",
            "facts": "两次催办仍未落实",
            "occurred_on": "2020-02-12",
        },
        content_type="application/json",
    )
    assert api.status_code == 403
    assert not NegativeEntry.objects.exists()


def test_an_entry_outside_the_writers_jurisdiction_does_not_exist(users, api_for):
    from frontline.accounts.models import User

    township_inspector = User.objects.create(
        username="gx_inspector", division_id=testing.GAOXING, roles=["discipline_inspector"]
    )
    other = f.org_cadre(testing.JUNCUN, "均村干部")
    with pytest.raises(Exception) as exc:
        services.negative_entry_create(
            actor=township_inspector,
            cadre=other,
            category="other",
            facts="某事某事某事",
            occurred_on=dt.date(2020, 2, 1),
        )
    assert exc.type.__name__ == "Http404"


@pytest.mark.parametrize("username", ["county_discipline", "county_admin", "county_leader", "gaoxing_admin"])
def test_county_roles_and_the_cadres_own_township_read_the_entry(users, client_for, api_for, entry, username):
    assert client_for(username).get(f"/discipline/negative/{entry.pk}/").status_code == 200
    assert "被记干部" in client_for(username).get("/discipline/negative/").content.decode()
    assert api_for(username).get(f"/api/v1/discipline/negative-entries/{entry.pk}").status_code == 200


def test_another_township_gets_404_on_the_entry_and_an_empty_list(users, client_for, api_for, entry):
    c = client_for("junchun_admin")
    assert c.get(f"/discipline/negative/{entry.pk}/").status_code == 404
    assert "被记干部" not in c.get("/discipline/negative/").content.decode()
    assert api_for("junchun_admin").get("/api/v1/discipline/negative-entries/").json()["count"] == 0


@pytest.mark.parametrize(
    "username",
    [
        "yuantang_secretary",
        "tangshi_secretary",
        "yuantang_grid",
        "yuantang_doctor",
        "xgwest_duty",
        "county_finance",
        "county_publicity",
    ],
)
def test_village_checkpoint_and_other_users_cannot_read_negative_entries(
    users, client_for, api_for, entry, username
):
    c = client_for(username)
    assert c.get("/discipline/negative/").status_code == 403
    assert c.get(f"/discipline/negative/{entry.pk}/").status_code == 403
    assert c.get("/discipline/cases/").status_code == 403
    assert api_for(username).get("/api/v1/discipline/negative-entries/").status_code == 403
    assert api_for(username).get("/api/v1/discipline/cases/").status_code == 403


def test_review_then_accountability_case_with_outcome_and_closure(users, client_for, entry):
    c = client_for("county_discipline")
    assert c.post(f"/discipline/negative/{entry.pk}/case/").status_code == 302
    assert not AccountabilityCase.objects.exists()  # only a confirmed entry leads to a case
    c.post(f"/discipline/negative/{entry.pk}/review/", {"status": "under_review"})
    c.post(f"/discipline/negative/{entry.pk}/review/", {"status": "confirmed", "note": "经核实属实"})
    entry.refresh_from_db()
    assert entry.status == "confirmed" and entry.reviewed_by == users["county_discipline"]
    c.post(f"/discipline/negative/{entry.pk}/case/")
    case = AccountabilityCase.objects.get(entry=entry)
    c.post(f"/discipline/cases/{case.pk}/close/", {"note": "结案"})
    case.refresh_from_db()
    assert not case.is_closed  # no outcome yet
    c.post(
        f"/discipline/cases/{case.pk}/decide/",
        {"outcome": "talk", "decided_by": "部务会", "decided_on": "2020-02-15", "decision": "谈话提醒"},
    )
    c.post(f"/discipline/cases/{case.pk}/close/", {"note": "已谈话提醒"})
    case.refresh_from_db()
    assert case.outcome == "talk" and case.is_closed
    assert "谈话提醒" in c.get(f"/discipline/negative/{entry.pk}/").content.decode()


def test_a_confirmed_entry_cannot_be_reopened(users, api_for, entry):
    api = api_for("county_discipline")
    api.post(
        f"/api/v1/discipline/negative-entries/{entry.pk}/review",
        {"status": "dismissed", "note": "不属实"},
        content_type="application/json",
    )
    resp = api.post(
        f"/api/v1/discipline/negative-entries/{entry.pk}/review",
        {"status": "under_review"},
        content_type="application/json",
    )
    assert resp.status_code == 422


@pytest.mark.parametrize("username", ["county_leader", "gaoxing_admin"])
def test_readers_cannot_review_or_open_cases(users, client_for, entry, username):
    c = client_for(username)
    assert c.post(f"/discipline/negative/{entry.pk}/review/", {"status": "under_review"}).status_code == 403
    assert c.post(f"/discipline/negative/{entry.pk}/case/").status_code == 403
    entry.refresh_from_db()
    assert entry.status == "recorded"


def test_rule_category_requires_a_rule_in_force(users, cadre, api_for):
    rs = f.rules(users)
    api = api_for("county_discipline")
    payload = {
        "cadre_id": cadre.pk,
        "category": "rule",
        "facts": "参加聚集性聚餐",
        "occurred_on": "2020-02-12",
    }
    assert (
        api.post("/api/v1/discipline/negative-entries/", payload, content_type="application/json").status_code
        == 422
    )
    payload["rule_id"] = rs.rules.get(number=8).pk
    resp = api.post("/api/v1/discipline/negative-entries/", payload, content_type="application/json")
    assert resp.status_code == 201 and resp.json()["rule_id"] == payload["rule_id"]


def test_evidence_of_an_unsafe_type_is_refused(users, client_for, cadre):
    bad = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    resp = client_for("county_discipline").post("/discipline/negative/new/", _form(cadre, evidence=bad))
    assert resp.status_code == 422 and not NegativeEntry.objects.exists()


def test_negative_list_query_count_is_pinned(users, client_for, cadre, django_assert_max_num_queries):
    for i in range(15):
        services.negative_entry_create(
            actor=users["county_admin"],
            cadre=cadre,
            category="other",
            facts=f"事实描述{i}号",
            occurred_on=dt.date(2020, 2, 1),
        )
    c = client_for("county_leader")
    with django_assert_max_num_queries(8):
        assert c.get("/discipline/negative/").status_code == 200
    api = client_for("county_leader")
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/discipline/negative-entries/").json()["count"] == 15


@pytest.mark.parametrize(
    "username,status", [("county_leader", 403), ("gaoxing_admin", 403), ("yuantang_secretary", 403)]
)
def test_only_writers_decide_or_close_cases(users, client_for, entry, username, status):
    services.negative_entry_review(actor=users["county_discipline"], entry=entry, status="under_review")
    services.negative_entry_review(
        actor=users["county_discipline"], entry=entry, status="confirmed", note="属实"
    )
    case = services.case_open(actor=users["county_discipline"], entry=entry)
    c = client_for(username)
    decision = {"outcome": "talk", "decided_by": "部务会", "decided_on": "2020-02-15"}
    assert c.post(f"/discipline/cases/{case.pk}/decide/", decision).status_code == status
    assert c.post(f"/discipline/cases/{case.pk}/close/", {"note": "结案"}).status_code == status
    case.refresh_from_db()
    assert case.outcome == "" and not case.is_closed


def test_evidence_is_stored_and_downloaded_without_the_uploaded_file_name(users, client_for, cadre):
    evidence = SimpleUploadedFile(
        "钟伟-360732199001011234.pdf", b"%PDF-1.4 test", content_type="application/pdf"
    )
    assert (
        client_for("county_discipline")
        .post("/discipline/negative/new/", _form(cadre, evidence=evidence))
        .status_code
        == 302
    )
    entry = NegativeEntry.objects.get()
    assert entry.evidence.name.endswith(".pdf") and "钟伟" not in entry.evidence.name
    download = client_for("county_discipline").get(f"/discipline/negative/{entry.pk}/evidence/")
    assert (
        "360732199" not in download["Content-Disposition"]
        and "%E9%92%9F" not in download["Content-Disposition"]
    )
