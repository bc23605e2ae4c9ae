import pytest

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def test_login_lands_on_chinese_home_on_a_phone(phone_page):
    page = phone_page("yuantang_secretary")
    assert "欢迎" in page.content()
    # Nothing overflows a 390 px screen horizontally.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "home-yuantang-390")


def test_people_list_is_masked_in_the_browser(phone_page, e2e_users):
    from frontline.testing import YUANTANG, make_person

    make_person(YUANTANG, "园塘人")
    page = phone_page("yuantang_secretary")
    page.goto(page.base_url + "/people/")
    text = page.inner_text("main")
    assert "园塘人" in text and "*" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
