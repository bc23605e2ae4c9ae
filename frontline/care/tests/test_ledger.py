"""The ledger's rules: balance never negative, scoping, roles, API answers, printable running balance."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from frontline.audit.models import AuditEvent
from frontline.care.models import Allocation, Disbursement
from frontline.testing import GAOXING, SHUITOU

from .conftest import pay


def test_disbursement_lowers_balance_and_is_audited(users, allocation, recipients):
    d = pay(users["county_finance"], allocation, recipients["yuantang"], 30_000, "V1")
    allocation.refresh_from_db()
    assert allocation.disbursed_fen == 30_000 and allocation.balance_fen == 70_000
    assert d.division_code == recipients["yuantang"].division_code
    assert AuditEvent.objects.filter(object_type="care.disbursement", object_id=str(d.pk)).exists()


def test_amount_beyond_balance_is_refused_with_remaining_balance(users, allocation, recipients):
    from django.core.exceptions import ValidationError

    pay(users["county_finance"], allocation, recipients["yuantang"], 90_000, "V1")
    with pytest.raises(ValidationError) as exc:
        pay(users["county_finance"], allocation, recipients["tangshi"], 10_001, "V2")
    assert "100.00" in str(exc.value)  # the remaining balance is named
    allocation.refresh_from_db()
    assert allocation.balance_fen == 10_000
    pay(users["county_finance"], allocation, recipients["tangshi"], 10_000, "V2")  # exactly the rest is fine
    allocation.refresh_from_db()
    assert allocation.balance_fen == 0


def test_database_refuses_overdraft_even_bypassing_the_service(allocation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.filter(pk=allocation.pk).update(disbursed_fen=allocation.amount_fen + 1)


def test_database_refuses_a_disbursement_with_two_recipients(users, allocation, recipients):
    with pytest.raises(IntegrityError), transaction.atomic():
        Disbursement.objects.create(
            allocation=allocation,
            recipient_person=recipients["yuantang"],
            recipient_org=recipients["gaoxing_org"],
            category="other",
            amount_fen=1,
            approver="x",
            voucher_number="X",
            paid_on=dt.date(2020, 2, 10),
            division_code=GAOXING,
        )


def test_duplicate_voucher_and_future_date_are_refused(users, allocation, recipients):
    from django.core.exceptions import ValidationError

    pay(users["county_finance"], allocation, recipients["yuantang"], 100, "V1")
    with pytest.raises(ValidationError, match="voucher_number"):
        pay(users["county_finance"], allocation, recipients["tangshi"], 100, "V1")
    with pytest.raises(ValidationError, match="paid_on"):
        pay(
            users["county_finance"], allocation, recipients["tangshi"], 100, "V9", paid_on=dt.date(2099, 1, 1)
        )


def _post(client, allocation, person, **overrides):
    body = {
        "allocation_id": allocation.pk,
        "category": "medical_worker",
        "amount_fen": 20_000,
        "recipient_person_id": person.pk,
        "approver": "部务会",
        "voucher_number": "API-1",
        "paid_on": "2020-02-10",
        **overrides,
    }
    return client.post("/api/v1/care/disbursements/", body, content_type="application/json")


def test_api_disbursement_beyond_balance_answers_422_in_chinese_with_balance(api_for, allocation, recipients):
    client = api_for("county_finance")
    assert (
        _post(client, allocation, recipients["yuantang"], amount_yuan="950", amount_fen=None).status_code
        == 201
    )
    response = _post(
        client,
        allocation,
        recipients["tangshi"],
        voucher_number="API-2",
        amount_yuan="50.01",
        amount_fen=None,
    )
    assert response.status_code == 422
    body = response.json()
    assert "50.00" in body["message"] and "余额" in body["message"]
    assert body["errors"][0]["field"] == "amount"
    allocation.refresh_from_db()
    assert allocation.balance_fen == 5_000


def test_api_disbursement_message_is_english_when_asked(users, allocation, recipients):
    from django.test import Client

    from frontline.accounts.services import api_token_issue

    token = api_token_issue(actor=None, user=users["county_finance"], name="t")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_ACCEPT_LANGUAGE="en")
    response = _post(client, allocation, recipients["yuantang"], amount_fen=100_001)
    assert response.status_code == 422
    assert "remaining balance" in response.json()["message"] and "1,000.00" in response.json()["message"]


def test_api_refuses_over_precise_yuan(api_for, allocation, recipients):
    response = _post(
        api_for("county_finance"), allocation, recipients["yuantang"], amount_fen=None, amount_yuan="1.005"
    )
    assert response.status_code == 422
    assert Disbursement.objects.count() == 0


@pytest.mark.parametrize(
    "username", ["county_leader", "gaoxing_admin", "yuantang_secretary", "county_discipline"]
)
def test_wrong_role_cannot_disburse(api_for, allocation, recipients, username):
    response = _post(api_for(username), allocation, recipients["yuantang"])
    assert response.status_code == 403
    assert Disbursement.objects.count() == 0


def test_wrong_jurisdiction_cannot_disburse(users, api_for, recipients):
    """Finance of 高兴镇 (a township finance user) cannot pay the county's allocation nor a 长冈乡 person."""
    from frontline.accounts.models import User
    from frontline.care import services

    township_finance = User.objects.create(username="gx_finance", division_id=GAOXING, roles=["finance"])
    own = services.allocation_create(
        actor=township_finance,
        title="镇党委慰问",
        amount_fen=10_000,
        decided_on=dt.date(2020, 2, 5),
        decided_by="高兴镇党委",
        division_code=GAOXING,
    )
    county = services.allocation_create(
        actor=users["county_finance"],
        title="县",
        amount_fen=10_000,
        decided_on=dt.date(2020, 2, 5),
        decided_by="县委组织部",
        division_code="360732",
    )
    from django.test import Client

    from frontline.accounts.services import api_token_issue

    client = Client(
        HTTP_AUTHORIZATION=f"Bearer {api_token_issue(actor=None, user=township_finance, name='t')}"
    )
    assert _post(client, county, recipients["shuitou"]).status_code == 404
    assert _post(client, own, recipients["yuantang"]).status_code == 404
    assert _post(client, own, recipients["shuitou"], amount_fen=1_000).status_code == 201
    assert Disbursement.objects.count() == 1


def test_township_reads_only_its_own_disbursements(users, api_for, allocation, recipients):
    pay(users["county_finance"], allocation, recipients["shuitou"], 100, "V1")
    pay(users["county_finance"], allocation, recipients["yuantang"], 100, "V2")
    body = api_for("gaoxing_admin").get("/api/v1/care/disbursements/").json()
    assert body["count"] == 1 and body["items"][0]["division_code"] == SHUITOU
    # The county allocation itself is not the township's.
    assert api_for("gaoxing_admin").get(f"/api/v1/care/allocations/{allocation.pk}").status_code == 404
    assert (
        api_for("county_leader").get(f"/api/v1/care/allocations/{allocation.pk}").json()["balance_fen"]
        == 99_800
    )


def test_village_user_cannot_read_the_ledger(api_for, client_for, allocation):
    assert api_for("yuantang_secretary").get("/api/v1/care/disbursements/").status_code == 403
    assert client_for("yuantang_secretary").get(f"/care/allocations/{allocation.pk}/").status_code == 403


def test_disbursement_list_query_count_is_pinned(
    users, api_for, allocation, recipients, django_assert_max_num_queries
):
    for i in range(12):
        pay(users["county_finance"], allocation, recipients["yuantang"], 100, f"V{i}")
    client = api_for("county_leader")
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/care/disbursements/?limit=50")
    assert response.json()["count"] == 12


def test_ledger_page_shows_running_balance_and_print_stylesheet(
    users, client_for, allocation, recipients, django_assert_max_num_queries
):
    pay(
        users["county_finance"], allocation, recipients["yuantang"], 25_000, "V1", paid_on=dt.date(2020, 2, 8)
    )
    pay(users["county_finance"], allocation, recipients["tangshi"], 30_050, "V2", paid_on=dt.date(2020, 2, 9))
    client = client_for("county_leader")
    with django_assert_max_num_queries(14):
        response = client.get(f"/care/allocations/{allocation.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    table = html[html.index('class="responsive ledger"') :]
    assert table.index("1,000.00") < table.index("750.00") < table.index("449.50")  # running balance
    assert "ledger-print.css" in html
    with open("frontline/care/static/care/ledger-print.css", encoding="utf-8") as css:
        assert "@media print" in css.read()
    assert f"/care/allocations/{allocation.pk}/disburse/" not in html  # a reader gets no payment form


def test_web_disbursement_form_refuses_overdraft_and_records_valid_payment(
    users, client_for, allocation, recipients
):
    from frontline.people.services import person_unmask

    client = client_for("county_finance")
    id_number = person_unmask(actor=users["county_admin"], person=recipients["yuantang"], field="id_number")
    form = {
        "category": "medical_worker",
        "recipient_id_number": id_number,
        "amount": "1,000.01",
        "approver": "部务会",
        "voucher_number": "W1",
        "paid_on": "2020-02-10",
    }
    response = client.post(f"/care/allocations/{allocation.pk}/disburse/", form)
    assert response.status_code == 422
    assert "1,000.00" in response.content.decode()
    form["amount"] = "999.99元"
    response = client.post(f"/care/allocations/{allocation.pk}/disburse/", form)
    assert response.status_code == 302
    allocation.refresh_from_db()
    assert allocation.balance_fen == 1


def test_web_disbursement_refused_for_wrong_role(client_for, allocation):
    response = client_for("county_leader").post(f"/care/allocations/{allocation.pk}/disburse/", {})
    assert response.status_code == 403


def test_allocation_create_by_finance_and_refused_for_township(api_for):
    body = {"title": "党费", "amount_yuan": "37.1万", "decided_on": "2020-02-05", "decided_by": "县委组织部"}
    response = api_for("county_finance").post(
        "/api/v1/care/allocations/", body, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["amount_fen"] == 37_100_000
    response = api_for("gaoxing_admin").post(
        "/api/v1/care/allocations/", body, content_type="application/json"
    )
    assert response.status_code == 403


def test_allocation_outside_jurisdiction_is_refused(users):
    from django.http import Http404

    from frontline.accounts.models import User
    from frontline.care import services

    township_finance = User.objects.create(username="gx_finance2", division_id=GAOXING, roles=["finance"])
    with pytest.raises(Http404):
        services.allocation_create(
            actor=township_finance,
            title="x",
            amount_fen=100,
            decided_on=dt.date(2020, 2, 5),
            decided_by="x",
            division_code="360732209",
        )


def test_figures_are_exact_yuan(users, allocation, recipients):
    from frontline.core.figures import compute

    pay(users["county_finance"], allocation, recipients["yuantang"], 12_345, "V1")
    pay(users["county_finance"], allocation, recipients["gaoxing_org"] and recipients["shuitou"], 5, "V2")
    keys = ["care_fund_allocated_yuan", "care_fund_disbursed_yuan", "care_recipients"]
    county = compute("360732", dt.date(2020, 1, 1), dt.date(2020, 2, 19), keys)
    assert county == {
        "care_fund_allocated_yuan": 1000,
        "care_fund_disbursed_yuan": 123.5,
        "care_recipients": 2,
    }
    gaoxing = compute(GAOXING, dt.date(2020, 1, 1), dt.date(2020, 2, 19), keys)
    assert gaoxing == {"care_fund_allocated_yuan": 0, "care_fund_disbursed_yuan": 0.05, "care_recipients": 1}


def test_index_shows_registered_figures_for_the_jurisdiction(users, client_for, allocation, recipients):
    pay(users["county_finance"], allocation, recipients["shuitou"], 12_345, "V1")
    pay(users["county_finance"], allocation, recipients["yuantang"], 100, "V2")
    county = client_for("county_leader").get("/care/").content.decode()
    assert "1,000" in county and "124.45" in county and "875.55" in county
    township = client_for("gaoxing_admin").get("/care/").content.decode()
    assert "123.45" in township and "124.45" not in township


def test_disbursement_export_is_audited_and_refused_to_townships(users, client_for, allocation, recipients):
    pay(users["county_finance"], allocation, recipients["shuitou"], 100, "V1")
    response = client_for("county_finance").post("/care/disbursements/export/", {"category": ""})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEvent.objects.filter(action="export", object_type="care.disbursement").count() == 1
    assert client_for("gaoxing_admin").post("/care/disbursements/export/").status_code == 403
