"""Care ledger and cadre profile in a phone browser (390 px)."""

import datetime as dt

import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


@pytest.fixture
def ledger(e2e_users):
    from frontline.care import services
    from frontline.people.services import person_unmask
    from frontline.testing import COUNTY, YUANTANG, make_person

    allocation = services.allocation_create(
        actor=e2e_users["county_finance"],
        title="2020年党费慰问一线医务工作者",
        amount_fen=100_000,
        decided_on=dt.date(2020, 2, 5),
        decided_by="中共兴国县委组织部",
        document_number="兴组字〔2020〕9号",
        division_code=COUNTY,
    )
    nurse = make_person(YUANTANG, "园塘护士")
    services.disbursement_create(
        actor=e2e_users["county_finance"],
        allocation=allocation,
        category="medical_worker",
        amount_fen=60_000,
        recipient_person=nurse,
        approver="部务会",
        voucher_number="DF2020-0001",
        paid_on=dt.date(2020, 2, 8),
    )
    family = make_person(YUANTANG, "援鄂家属")
    id_number = person_unmask(actor=e2e_users["county_admin"], person=family, field="id_number")
    return allocation, id_number


def test_finance_pays_on_a_phone_and_overdraft_is_refused_with_balance(phone_page, ledger):
    allocation, id_number = ledger
    page = phone_page("county_finance")
    page.goto(f"{page.base_url}/care/allocations/{allocation.pk}/")
    page.select_option("select[name=category]", "hubei_aid_family")
    page.fill("input[name=recipient_id_number]", id_number)
    page.fill("input[name=amount]", "400.01")
    page.fill("input[name=approver]", "部务会")
    page.fill("input[name=voucher_number]", "DF2020-0002")
    page.fill("input[name=paid_on]", "2020-02-12")
    page.click("#disburse button[type=submit]")
    text = page.inner_text("main")
    assert "超出" in text and "400.00" in text
    shot(page, "care-ledger-overdraft-390")
    page.fill("input[name=amount]", "400")
    page.click("#disburse button[type=submit]")
    table = page.inner_text("table.ledger")
    assert "援鄂家属" in table and "0.00" in table
    assert page.inner_text("#balance").strip() == "0.00"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "care-ledger-390")
    # Printed, the ledger keeps its table and drops forms and menus.
    page.emulate_media(media="print")
    assert page.is_hidden("#disburse") and page.is_hidden("nav.menu")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('table.ledger thead')).display")
        == "table-header-group"
    )


def test_cadre_profile_on_a_phone(phone_page, e2e_users):
    from frontline.evaluation import services
    from frontline.people.models import Cadre
    from frontline.testing import GAOXING, make_person

    cadre = Cadre.objects.create(
        person=make_person(GAOXING, "卫生院医生"), kind="cadre", profession="medical", division_code=GAOXING
    )
    services.observation_create(
        actor=e2e_users["county_admin"],
        cadre=cadre,
        observed_on="2020-02-10",
        event="发热门诊值守",
        conduct="连续值守发热门诊。",
        rating="outstanding",
        observer="县卫健委党委",
    )
    page = phone_page("gaoxing_admin")
    page.goto(f"{page.base_url}/evaluation/cadres/{cadre.pk}/")
    text = page.inner_text("main")
    assert "发热门诊值守" in text and "职称晋升" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "evaluation-profile-390")
