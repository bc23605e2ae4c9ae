"""Produce listings (household head, address, photo) expire 180 days after listing, photo included;
a listing whose orders are still kept stays with them."""

import datetime as dt
import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from frontline.audit.models import AuditEvent
from frontline.community.models import ProduceListing, ProduceOrder
from frontline.testing import YUANTANG


def _listing(listed_on, head="钟某"):
    listing = ProduceListing(
        division_code=YUANTANG,
        household_head=head,
        address="园塘村3组",
        product="土鸡蛋",
        quantity=300,
        unit="个",
        price_fen=120,
        listed_on=listed_on,
    )
    listing.photo.save("eggs.png", ContentFile(b"\x89PNG"), save=False)
    listing.save()
    return listing


def test_expired_listing_goes_with_its_photo_unless_orders_still_hold_it(
    users, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path)
    old, held, fresh = (
        _listing(dt.date(2020, 2, 10), "旧户"),
        _listing(dt.date(2020, 2, 11), "有单户"),
        _listing(dt.date(2020, 9, 1), "新户"),
    )
    ProduceOrder.objects.create(
        division_code=YUANTANG,
        listing=held,
        buyer_name="买家",
        items="鸡蛋",
        ordered_at=timezone.make_aware(dt.datetime(2020, 9, 1, 10)),  # still within its own 180 days
    )
    photos = {x.household_head: Path(tmp_path, x.photo.name) for x in (old, held, fresh)}
    settings.FRONTLINE_TODAY = "2020-12-01"
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_expired", stdout=io.StringIO())
    assert set(ProduceListing.objects.values_list("household_head", flat=True)) == {"有单户", "新户"}
    assert not photos["旧户"].exists() and photos["有单户"].exists() and photos["新户"].exists()
    assert AuditEvent.objects.get(action="purge", object_type="community.produce_listing").count == 1
