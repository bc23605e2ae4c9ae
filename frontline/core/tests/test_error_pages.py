"""403 and 404 pages are the project's own: Chinese first, in the site's frame with its menu (Django's
are English, lang="en", and leave the user with no way back). A record outside the jurisdiction answers
404 by design, so users do meet these pages."""

import pytest


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/quarantine/returnees/new/", 403, "您的角色无权进行此操作。"),  # county leaders read, not screen
        ("/people/99999999/", 404, "未找到。"),
        ("/no-such-page/", 404, "未找到。"),
    ],
)
def test_error_pages_are_chinese_and_keep_the_menu(client_for, path, status, message):
    response = client_for("county_leader").get(path)
    body = response.content.decode()
    assert response.status_code == status
    assert '<html lang="zh-hans"' in body and message in body and 'aria-label="主菜单"' in body


def test_the_server_error_page_is_chinese_first_and_needs_no_context(rf, settings):
    # Django renders 500.html with an empty context: it must not need the request, the user or a menu.
    from django.views.defaults import server_error

    settings.DEBUG = False
    response = server_error(rf.get("/checkpoints/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="zh-hans"' in body and "系统出错了" in body and "Server error" in body
