import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from python_calamine import CalamineWorkbook

from frontline.core.figures import compute
from frontline.publicity import reports
from frontline.publicity.models import ColumnPost, ReportTemplate

DAY = dt.date(2020, 2, 19)


def _read(response) -> list[list]:
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


@pytest.fixture
def template(users):
    return reports.template_save(
        actor=users["county_admin"],
        name="乡镇日报表",
        granularity="townships",
        columns=[
            {"key": "posts_published", "header": "专栏稿件"},
            {"key": "organizations", "header": "党组织数"},
        ],
        first_header="乡镇",
    )


def test_template_produces_exactly_the_xlsx_it_defines(users, client_for, template):
    ColumnPost.objects.create(
        division_code="360732104",
        title="t",
        body="b",
        status="published",
        author=users["county_publicity"],
        publish_date=DAY,
    )
    response = client_for("county_admin").post(
        f"/publicity/reports/{template.pk}/xlsx/", {"division": "360732", "date": "2020-02-19"}
    )
    assert response.status_code == 200
    rows = _read(response)
    assert rows[1] == ["乡镇", "专栏稿件", "党组织数"]  # row 0 is the export's watermark banner
    body = rows[2:]
    assert [r[0] for r in body] == ["高兴镇", "均村乡", "长冈乡", "合计"]
    for row, code in zip(body, ["360732104", "360732209", "360732217", "360732"], strict=True):
        expected = compute(code, DAY, DAY, keys=["posts_published", "organizations"])
        assert row[1:] == [expected["posts_published"], expected["organizations"]]
    assert body[0][1] == 1


def test_template_rows_can_be_villages_or_the_division_itself(users, template):
    template.granularity = "villages"
    headers, rows = reports.produce(template, "360732217", DAY)
    assert [r[0] for r in rows] == ["园塘村", "塘石村", "合计"]
    template.granularity = "self"
    headers, rows = reports.produce(template, "360732217", DAY)
    assert [r[0] for r in rows] == ["长冈乡"]


def test_cumulative_template_counts_from_its_start(users, template):
    for day in (dt.date(2020, 1, 27), DAY):
        ColumnPost.objects.create(
            division_code="360732104",
            title="t",
            body="b",
            status="published",
            author=users["county_publicity"],
            publish_date=day,
        )
    template.granularity = "self"
    template.period = "cumulative"
    template.cumulative_from = dt.date(2020, 1, 27)
    _, rows = reports.produce(template, "360732104", DAY)
    assert rows[0][1] == 2


def test_county_admin_defines_a_template_in_the_ui(users, client_for):
    response = client_for("county_admin").post(
        "/publicity/reports/new/",
        {
            "name": "宣传日报",
            "granularity": "self",
            "first_header": "单位",
            "with_total": "1",
            "period": "day",
            "include_submissions_sent": "1",
            "order_submissions_sent": "2",
            "header_submissions_sent": "上报件数",
            "include_posts_published": "1",
            "order_posts_published": "1",
            "header_posts_published": "更新篇数",
            "header_organizations": "not chosen",
        },
    )
    assert response.status_code == 302
    t = ReportTemplate.objects.get(name="宣传日报")
    assert t.columns == [
        {"key": "posts_published", "header": "更新篇数"},
        {"key": "submissions_sent", "header": "上报件数"},
    ]


def test_template_definition_rejects_bad_input(users):
    with pytest.raises(ValidationError):
        reports.template_save(actor=users["county_admin"], name="x", granularity="self", columns=[])
    with pytest.raises(ValidationError):
        reports.template_save(
            actor=users["county_admin"],
            name="x",
            granularity="self",
            columns=[{"key": "nope", "header": "h"}],
        )
    with pytest.raises(ValidationError):
        reports.template_save(
            actor=users["county_admin"],
            name="a/b",
            granularity="self",
            columns=[{"key": "organizations", "header": "h"}],
        )


def test_only_county_admin_defines_templates(users, client_for):
    with pytest.raises(PermissionDenied):
        reports.template_save(
            actor=users["gaoxing_admin"],
            name="x",
            granularity="self",
            columns=[{"key": "organizations", "header": "h"}],
        )
    assert client_for("county_publicity").post("/publicity/reports/new/", {"name": "x"}).status_code == 403


def test_township_cannot_produce_a_report_for_another_township(users, client_for, template):
    c = client_for("gaoxing_admin")
    assert (
        c.post(
            f"/publicity/reports/{template.pk}/xlsx/", {"division": "360732209", "date": "2020-02-19"}
        ).status_code
        == 404
    )
    ok = c.post(f"/publicity/reports/{template.pk}/xlsx/", {"division": "360732104", "date": "2020-02-19"})
    assert ok.status_code == 200


def test_report_export_is_audited(users, client_for, template):
    from frontline.audit.models import AuditEvent

    client_for("county_admin").post(
        f"/publicity/reports/{template.pk}/xlsx/", {"division": "360732", "date": "2020-02-19"}
    )
    assert AuditEvent.objects.filter(action="export", object_type="publicity.reporttemplate").count() == 1


def test_role_without_brief_permission_cannot_produce_a_report(users, client_for, template):
    response = client_for("xgwest_duty").post(
        f"/publicity/reports/{template.pk}/xlsx/", {"division": "360732104", "date": "2020-02-19"}
    )
    assert response.status_code == 403
