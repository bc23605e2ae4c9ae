"""The upload flow in a real browser: upload → preview with counts and first errors → confirm →
progress bar → result with the error workbook. Jobs go through the real database queue
(django-tasks' DatabaseBackend) and are run by the real `db_worker --batch` command, started in the
test process between the page's polls (the live server shares the test database with it)."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from frontline import testing
from frontline.imports import progress
from frontline.imports.models import ImportJob
from frontline.imports.tests.conftest import MEMBER_HEADERS, write_xlsx
from frontline.people.models import Membership

from .conftest import shot, wait_until

pytestmark = pytest.mark.e2e


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, queue_name="*", reload=False, verbosity=0)


def test_upload_preview_confirm_progress_and_result(phone_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ids = [testing.valid_id() for _ in range(3)]
    path = write_xlsx(
        tmp_path / "园塘村党员名册.xlsx",
        [
            ["园塘村党员名册"],
            ["填报单位：园塘村党支部"],
            MEMBER_HEADERS,
            [1, "张三", ids[0], testing.valid_mobile(), "长冈乡", "园塘村", "2010-07-01", "正式"],
            [2, "李四", ids[1], testing.valid_mobile(), "长冈乡", "园塘村", "2012年7月1日", "预备"],
            [3, "王五", 360732199001011234, testing.valid_mobile(), "长冈乡", "园塘村", "", ""],
            ["合计", "3人"],
        ],
    )
    page = phone_page("yuantang_secretary")
    page.goto(f"{page.base_url}/imports/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "imports-index")
    page.select_option("select[name=kind]", "members")
    page.set_input_files("input[name=file]", str(path))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#job-status .progress")
    assert page.locator("#job-state").inner_text() == "等待检查"
    shot(page, "imports-queued")

    run_worker()  # the preview (a dry run)
    page.wait_for_selector("#confirm", timeout=10_000)
    assert Membership.objects.count() == 0
    body = page.locator("#job-status").inner_text()
    assert "Excel" in body and "\n6\n" in body  # the first errors: row 6, ID stored as a number
    shot(page, "imports-preview")

    page.click("#confirm")
    page.wait_for_selector("#job-status[hx-trigger]")
    # The bar moves while the worker reads: what a worker halfway through a file publishes (on
    # SQLite, from inside the import's transaction, to the side file) reaches the polling page.
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status="running", total=0, progress=0)
    progress.Publisher(job.pk)._to_file(4000, 8000, timezone.now())
    wait_until(page, "document.querySelector('.progress').getAttribute('aria-valuenow') === '50'", timeout=10)
    shot(page, "imports-running")
    progress.discard(job.pk)
    ImportJob.objects.filter(pk=job.pk).update(status="queued")
    run_worker()  # the commit
    wait_until(page, "document.querySelector('#job-state').innerText === '已导入'", timeout=10)
    assert page.locator(".progress").get_attribute("aria-valuenow") == "100"
    assert Membership.objects.filter(division_code=testing.YUANTANG).count() == 2
    job = ImportJob.objects.get()
    assert (job.created, job.error_count) == (2, 1)
    with page.expect_download() as download:
        page.click("#error-workbook")
    assert download.value.suggested_filename.endswith(".xlsx")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "imports-done")
