import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frontline import testing
from frontline.audit.models import AuditEvent
from frontline.audit.services import audit_record
from frontline.imports.models import ImportJob, Status
from frontline.people.models import Membership

from .conftest import MEMBER_HEADERS, write_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(tmp_path, ids, mobiles):
    rows = [
        ["园塘村党员名册"],
        MEMBER_HEADERS,
        [1, "张三", ids[0], mobiles[0], "长冈乡", "园塘村", "2010-07-01", "正式"],
        [2, "李四", ids[1], mobiles[1], "长冈乡", "园塘村", "2012-07-01", "预备"],
        [3, "王五", 360732199001011234, mobiles[2], "长冈乡", "园塘村", "", ""],
    ]
    return write_xlsx(tmp_path / "roster.xlsx", rows)


def _upload(client, path, kind="members"):
    data = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post(reverse("imports:upload"), {"kind": kind, "file": data})


def test_upload_preview_confirm_result_flow(
    client_for, roster, media, immediate_tasks, django_capture_on_commit_callbacks
):
    client = client_for("yuantang_secretary")
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, roster)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:job", args=[job.pk])
    assert job.status == Status.PREVIEWED and (job.rows, job.created, job.error_count) == (3, 2, 1), (
        job.errors
    )
    assert Membership.objects.count() == 0  # the preview is a dry run
    page = client.get(reverse("imports:job", args=[job.pk]))
    assert b'id="confirm"' in page.content and "Excel" in page.content.decode()
    assert job.file.path.startswith(str(media))  # kept on shared storage between requests
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:confirm", args=[job.pk]))
    upload_path = job.file.path
    job.refresh_from_db()
    assert job.status == Status.DONE and job.created == 2 and job.percent == 100
    assert not job.file and not os.path.exists(upload_path)  # whole identifiers do not linger
    assert Membership.objects.filter(division_code=testing.YUANTANG).count() == 2
    assert AuditEvent.objects.filter(action="import", object_type="imports.members").count() == 1
    errors = client.get(reverse("imports:errors", args=[job.pk]))
    assert errors.status_code == 200 and "no-store" in errors["Cache-Control"]
    assert AuditEvent.objects.filter(action="export", object_type="imports.errors").count() == 1


def test_job_status_partial_polls_while_active_and_stops_when_done(client_for, users, media):
    job = ImportJob.objects.create(
        kind="members",
        actor=users["yuantang_secretary"],
        division_code=testing.YUANTANG,
        file="imports/x.xlsx",
        original_name="x.xlsx",
        status=Status.RUNNING,
        total=100,
        progress=50,
    )
    client = client_for("yuantang_secretary")
    body = client.get(reverse("imports:job_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in body and 'aria-valuenow="50"' in body
    job.status = Status.DONE
    job.save()
    body = client.get(reverse("imports:job_status", args=[job.pk])).content.decode()
    assert "hx-trigger" not in body and 'aria-valuenow="100"' in body


def test_wrong_role_cannot_upload(client_for, roster, media):
    response = _upload(client_for("yuantang_doctor"), roster)
    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_role_without_the_kinds_permission_is_refused_the_kind(client_for, roster, media):
    response = _upload(
        client_for("xgwest_duty"), roster, kind="members"
    )  # duty may import registrations only
    assert response.status_code == 403
    assert not ImportJob.objects.exists()


def test_other_jurisdiction_cannot_see_confirm_or_download_a_job(client_for, users, media):
    job = ImportJob.objects.create(
        kind="members",
        actor=users["yuantang_secretary"],
        division_code=testing.YUANTANG,
        file="imports/x.xlsx",
        original_name="x.xlsx",
        status=Status.PREVIEWED,
        error_file="imports/errors/x.xlsx",
    )
    other = client_for("tangshi_secretary")
    assert other.get(reverse("imports:job", args=[job.pk])).status_code == 404
    assert other.post(reverse("imports:confirm", args=[job.pk])).status_code == 404
    assert other.get(reverse("imports:errors", args=[job.pk])).status_code == 404
    assert other.post(reverse("imports:retry", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == Status.PREVIEWED


def test_township_admin_sees_but_cannot_confirm_a_village_job(client_for, users, media):
    job = ImportJob.objects.create(
        kind="members",
        actor=users["yuantang_secretary"],
        division_code=testing.YUANTANG,
        file="imports/x.xlsx",
        original_name="x.xlsx",
        status=Status.PREVIEWED,
    )
    client = client_for("changgang_admin")
    assert client.get(reverse("imports:job", args=[job.pk])).status_code == 200
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 403


def test_not_a_spreadsheet_upload_is_refused_with_a_message(
    client_for, tmp_path, media, immediate_tasks, django_capture_on_commit_callbacks
):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client_for("yuantang_secretary"), path)
    job = ImportJob.objects.get()
    assert job.status == Status.REFUSED and job.message


def test_unavailable_kind_cannot_be_uploaded(client_for, roster, media, monkeypatch):
    # A kind whose module is not installed (its commit service cannot be found) is refused.
    from frontline.imports.kinds import returnees

    monkeypatch.setattr(returnees, "RETURNEE_SERVICE", "frontline.not_installed.services.screen")
    response = _upload(client_for("yuantang_secretary"), roster, kind="returnees")
    assert response.status_code == 302 and response["Location"] == reverse("imports:index")
    assert not ImportJob.objects.exists()


def test_a_killed_job_can_be_run_again_and_commits_once(
    client_for, users, roster, media, immediate_tasks, django_capture_on_commit_callbacks
):
    from django.core.files import File
    from django.utils import timezone

    job = ImportJob(
        kind="members",
        actor=users["yuantang_secretary"],
        division_code=testing.YUANTANG,
        original_name="roster.xlsx",
        status=Status.RUNNING,
        heartbeat=timezone.now() - timezone.timedelta(hours=1),
    )
    with roster.open("rb") as fh:
        job.file.save("roster.xlsx", File(fh), save=False)
    job.save()  # a worker died while running it: nothing of it was committed
    client = client_for("yuantang_secretary")
    assert b"imports/jobs/%d/retry/" % job.pk in client.get(reverse("imports:job", args=[job.pk])).content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("imports:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Status.DONE and Membership.objects.count() == 2


@pytest.mark.parametrize("kind", ["members", "returnees", "registrations"])
def test_template_download_has_chinese_headers(client_for, tmp_path, kind):
    from python_calamine import load_workbook

    response = client_for("county_admin").get(reverse("imports:template", args=[kind]))
    assert response.status_code == 200
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    rows = load_workbook(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    assert rows[2][0] in ("姓名*", "卡口*")


def test_template_of_a_kind_the_role_may_not_import_is_404(client_for):
    assert client_for("xgwest_duty").get(reverse("imports:template", args=["members"])).status_code == 404


def test_history_export_is_masked_audited_xlsx(client_for, users, media):
    ImportJob.objects.create(
        kind="members",
        actor=users["yuantang_secretary"],
        division_code=testing.YUANTANG,
        file="imports/x.xlsx",
        original_name="=evil().xlsx",
        status=Status.DONE,
    )
    response = client_for("changgang_admin").post(reverse("imports:history_export"))
    assert response.status_code == 200
    assert AuditEvent.objects.filter(action="export", object_type="imports.importjob").exists()
    from python_calamine import load_workbook

    path = media.parent / "history.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    rows = load_workbook(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    assert "changgang_admin" in rows[0][0]  # the watermark banner
    assert rows[2][2] == "'=evil().xlsx"  # formula text neutralised


def test_index_query_count_is_pinned(client_for, users, django_assert_max_num_queries):
    for i in range(15):
        ImportJob.objects.create(
            kind="members",
            actor=users["yuantang_secretary"],
            division_code=testing.YUANTANG,
            file=f"imports/{i}.xlsx",
            original_name=f"{i}.xlsx",
            status=Status.DONE,
        )
    client = client_for("county_admin")
    with django_assert_max_num_queries(8):
        assert client.get(reverse("imports:index")).status_code == 200


def test_export_alerts_page_for_county_admins_only(client_for, users, django_assert_max_num_queries):
    for _ in range(12):
        audit_record(
            actor=users["yuantang_secretary"],
            action="alert",
            object_type="people.person",
            division_code=testing.YUANTANG,
            detail={"reason": "export_limit", "limit": 30},
        )
    client = client_for("county_admin")
    with django_assert_max_num_queries(8):
        body = client.get(reverse("imports:alerts")).content.decode()
    assert body.count("yuantang_secretary") >= 12
    assert client_for("changgang_admin").get(reverse("imports:alerts")).status_code == 403


def test_error_table_header_is_a_spreadsheet_column(
    client_for, roster, media, immediate_tasks, django_capture_on_commit_callbacks
):
    """Here "Column" is 列: publicity's 疫情防控专栏 is the same msgid in its own context."""
    client = client_for("yuantang_secretary")
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, roster)
    page = client.get(reverse("imports:job", args=[ImportJob.objects.get().pk])).content.decode()
    assert "<th>行号</th><th>列</th>" in page and "<th>疫情防控专栏</th>" not in page
