"""Voucher scans expire two years after payment: the file goes, the ledger row stays."""

import datetime as dt
import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command

from frontline.care.models import Disbursement

from .conftest import pay


def test_voucher_scans_expire_after_two_years_and_the_ledger_stays(
    users, allocation, recipients, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    actor = users["county_finance"]
    old = pay(actor, allocation, recipients["yuantang"], 20_000, "V-1", paid_on=dt.date(2020, 2, 10))
    new = pay(actor, allocation, recipients["tangshi"], 10_000, "V-2", paid_on=dt.date(2021, 6, 1))
    for d in (old, new):
        d.voucher_file.save("voucher.pdf", ContentFile(b"%PDF-1.4"), save=True)
    paths = {d.voucher_number: Path(tmp_path, d.voucher_file.name) for d in (old, new)}
    settings.FRONTLINE_TODAY = "2022-03-01"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=io.StringIO())
    assert not paths["V-1"].exists() and paths["V-2"].exists()
    assert dict(Disbursement.objects.values_list("voucher_number", "voucher_file")) == {
        "V-1": "",
        "V-2": new.voucher_file.name,
    }
    assert sum(Disbursement.objects.values_list("amount_fen", flat=True)) == 30_000  # the ledger is whole
