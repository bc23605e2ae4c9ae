"""Voucher scans (a recipient's name and signature) are served through the policy, never from a bare
media URL that no view guards."""

from django.core.files.uploadedfile import SimpleUploadedFile

from .conftest import pay

SCAN = b"%PDF-1.4 voucher"


def _paid_with_scan(users, allocation, recipients):
    return pay(
        users["county_finance"],
        allocation,
        recipients["shuitou"],
        10_000,
        "V-1",
        voucher_file=SimpleUploadedFile("钟伟-360732199001011234.pdf", SCAN, "application/pdf"),
    )


def test_ledger_links_the_scan_through_a_scoped_view(users, client_for, allocation, recipients):
    d = _paid_with_scan(users, allocation, recipients)
    text = client_for("county_finance").get(f"/care/allocations/{allocation.pk}/").content.decode()
    assert f"/care/disbursements/{d.pk}/voucher/" in text and "/media/" not in text
    response = client_for("county_finance").get(f"/care/disbursements/{d.pk}/voucher/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == SCAN
    assert response["X-Content-Type-Options"] == "nosniff"


def test_scan_of_another_jurisdiction_answers_404_and_wrong_role_403(
    users, client_for, allocation, recipients
):
    d = _paid_with_scan(users, allocation, recipients)
    assert client_for("gaoxing_admin").get(f"/care/disbursements/{d.pk}/voucher/").status_code == 200
    assert client_for("junchun_admin").get(f"/care/disbursements/{d.pk}/voucher/").status_code == 404
    assert client_for("yuantang_secretary").get(f"/care/disbursements/{d.pk}/voucher/").status_code == 403


def test_stored_scan_name_does_not_carry_the_uploaded_file_name(users, allocation, recipients):
    d = _paid_with_scan(users, allocation, recipients)
    assert d.voucher_file.name.startswith("care/vouchers/") and d.voucher_file.name.endswith(".pdf")
    assert "钟伟" not in d.voucher_file.name and "360732" not in d.voucher_file.name
