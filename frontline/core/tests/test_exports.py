import io

from python_calamine import CalamineWorkbook

from frontline.audit.models import AuditEvent
from frontline.core.exports import neutralise
from frontline.testing import SHUITOU, YUANTANG, make_person


def _sheet(response):
    data = b"".join(response.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_export_is_masked_scoped_watermarked_and_audited(client_for, users):
    make_person(YUANTANG, "园塘人")
    make_person(SHUITOU, "水头人")
    response = client_for("yuantang_secretary").post("/people/export/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    rows = _sheet(response)
    assert "yuantang_secretary" in rows[0][0]  # banner watermark
    names = [r[0] for r in rows[2:]]
    assert names == ["园塘人"]
    assert "*" in rows[2][2]
    event = AuditEvent.objects.get(action="export")
    assert (
        event.count == 1
        and event.actor_username == "yuantang_secretary"
        and event.detail["unmasked"] is False
    )


def test_unmasked_export_needs_the_permission(client_for, users):
    make_person(SHUITOU, "水头人")
    whole = _sheet(client_for("county_admin").post("/people/export/", {"unmask": "1"}))[2][2]
    assert len(whole) == 18 and "*" not in whole
    assert client_for("county_leader").post("/people/export/").status_code == 403


def test_formula_text_is_neutralised(client_for, users):
    make_person(YUANTANG, '=HYPERLINK("http://x","点我")')
    rows = _sheet(client_for("yuantang_secretary").post("/people/export/"))
    assert rows[2][0].startswith("'=")
    assert neutralise("@SUM(1)") == "'@SUM(1)" and neutralise("正常") == "正常"


def test_daily_limit_refuses_and_alerts(client_for, users, settings):
    settings.FRONTLINE_EXPORT_DAILY_LIMIT = 2
    client = client_for("yuantang_secretary")
    assert [client.post("/people/export/").status_code for _ in range(3)] == [200, 200, 429]
    alert = AuditEvent.objects.get(action="alert")
    assert alert.detail["reason"] == "export_limit"


def test_brief_downloads_are_audited_but_leave_the_quota_to_lists_of_people(client_for, users, settings):
    """The daily brief (figures only) is an audited export; downloading it often must not use up the
    quota that guards lists of people."""
    settings.FRONTLINE_EXPORT_DAILY_LIMIT = 2
    client = client_for("county_admin")
    briefs = [
        client.get("/publicity/brief/docx/?division=360732&date=2020-02-19").status_code for _ in range(3)
    ]
    assert briefs == [200, 200, 200]
    assert AuditEvent.objects.filter(action="export", object_type="publicity.brief").count() == 3
    assert [client.post("/people/export/").status_code for _ in range(3)] == [200, 200, 429]
