from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from frontline.community import services
from frontline.community.models import ListingStatus, ProduceListing, ProduceOrder
from frontline.testing import TANGSHI, YUANTANG, YUANTANG_GRID, make_person, valid_mobile

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def listing(users, yt):
    return services.produce_listing_create(
        actor=users["yuantang_secretary"],
        division_code=YUANTANG,
        household_head="钟老伯",
        product="赣南脐橙",
        quantity="100",
        unit="斤",
        price_yuan="3.5",
    )


@pytest.mark.parametrize(
    ("raw", "fen"),
    [("3.5", 350), ("12.50", 1250), ("１２", 1200), ("0.01", 1), ("1,000", 100000), ("¥8", 800)],
)
def test_yuan_is_parsed_to_integer_fen_with_decimal(raw, fen):
    assert services.yuan_to_fen(raw, "price") == fen


@pytest.mark.parametrize("raw", ["abc", "-1", "1.005", "", "NaN", "Infinity"])
def test_bad_yuan_amounts_are_refused(raw):
    with pytest.raises(ValidationError):
        services.yuan_to_fen(raw, "price")


def test_listing_price_stored_in_fen(listing):
    assert listing.price_fen == 350 and listing.quantity == Decimal("100")


def test_order_of_listed_produce_computes_amount_and_checks_stock(users, listing):
    order = services.produce_order_create(
        actor=users["yuantang_secretary"],
        listing=listing.pk,
        buyer_name="县城买家",
        quantity="30",
        buyer_phone=valid_mobile(),
    )
    assert order.amount_fen == 30 * 350 and order.division_code == YUANTANG
    assert "****" in order.phone_masked and order.phone_enc and order.phone_masked not in order.phone_enc
    with pytest.raises(ValidationError) as exc:
        services.produce_order_create(
            actor=users["yuantang_secretary"], listing=listing.pk, buyer_name="又一家", quantity="71"
        )
    assert "quantity" in exc.value.message_dict


def test_delivering_emits_produce_order_delivered_and_sells_out(users, yt, listing, events):
    order = services.produce_order_create(
        actor=users["yuantang_secretary"],
        listing=listing,
        buyer_name="买家",
        quantity="100",
        handler=yt["leader"].pk,
    )
    services.produce_order_deliver(actor=users["yuantang_secretary"], order=order, received_yuan="350.00")
    order.refresh_from_db()
    assert order.status == "delivered" and order.received_fen == 35000
    assert events == [("produce_order_delivered", yt["leader"], order)]
    listing.refresh_from_db()
    assert listing.status == ListingStatus.SOLD_OUT
    with pytest.raises(ValidationError):
        services.produce_order_deliver(actor=users["yuantang_secretary"], order=order)


def test_delivery_needs_a_handler(users, listing):
    order = services.produce_order_create(
        actor=users["yuantang_secretary"], listing=listing, buyer_name="买家", quantity="1"
    )
    with pytest.raises(ValidationError) as exc:
        services.produce_order_deliver(actor=users["yuantang_secretary"], order=order)
    assert "handler" in exc.value.message_dict


def test_order_writes_refused_for_neighbour_village_and_wrong_role(users, listing):
    order = services.produce_order_create(
        actor=users["yuantang_secretary"], listing=listing, buyer_name="买家", quantity="1"
    )
    with pytest.raises(Http404):
        services.produce_order_cancel(actor=users["tangshi_secretary"], order=order, reason="x")
    with pytest.raises(PermissionDenied):
        services.produce_order_cancel(actor=users["yuantang_doctor"], order=order, reason="x")
    with pytest.raises(ValidationError):
        services.produce_order_create(
            actor=users["tangshi_secretary"], listing=listing, buyer_name="买家", quantity="1"
        )


@pytest.fixture
def quarantined(users, yt):
    """A household of 园塘村 under home quarantine since today, started through the quarantine app."""
    from frontline.quarantine.services import quarantine_start

    return quarantine_start(
        actor=users["yuantang_secretary"],
        person=make_person(YUANTANG_GRID, "隔离户钟某"),
        address="新屋组3号",
    )


def _order_for(users, yt, quarantine, **kw):
    args = {
        "actor": users["yuantang_secretary"],
        "buyer_name": "隔离户钟某",
        "items": "大米10斤、青菜",
        "amount_yuan": "45.5",
        "quarantine_id": quarantine.pk,
        "handler": yt["leader"].pk,
    }
    args.update(kw)
    return services.produce_order_create(**args)


def test_order_for_quarantined_household_appears_in_its_support_requests(users, yt, quarantined):
    from frontline.core.policy import policy_for
    from frontline.quarantine import selectors as quarantine_selectors

    order = _order_for(users, yt, quarantined)
    order.refresh_from_db()
    req = order.support_request
    assert order.quarantine == quarantined and order.division_code == YUANTANG_GRID
    assert list(quarantined.produce_orders.all()) == [order]
    assert (req.quarantine, req.source, req.source_ref) == (
        quarantined,
        "community",
        f"community.produceorder:{order.pk}",
    )
    assert req.kind == "supplies" and req.items == "大米10斤、青菜" and req.status == "open"
    assert order.amount_fen == 4550
    pending = quarantine_selectors.support_list(policy=policy_for(users["yuantang_grid"]), state="pending")
    assert list(pending) == [req]


def test_order_request_is_listed_on_the_quarantine_support_page_and_api(
    users, yt, quarantined, client_for, api_for
):
    order = _order_for(users, yt, quarantined)
    page = client_for("yuantang_secretary").get("/quarantine/support/")
    assert page.status_code == 200 and order.support_request in list(page.context["page"])
    assert (
        "大米10斤、青菜" in page.content.decode()
        and f"/community/orders/{order.pk}/" in page.content.decode()
    )
    body = api_for("yuantang_secretary").get("/api/v1/support-requests/").json()
    rows = body["items"] if isinstance(body, dict) else body
    assert [(r["id"], r["source"], r["source_ref"]) for r in rows] == [
        (order.support_request_id, "community", f"community.produceorder:{order.pk}")
    ]
    # The neighbour village sees neither.
    assert client_for("tangshi_secretary").get("/quarantine/support/").context["page"].paginator.count == 0


def test_order_and_quarantine_link_each_other_only_for_who_may_follow(users, yt, quarantined, client_for):
    """Doctors read support requests, not orders; publicity editors read orders, not quarantines."""
    order = _order_for(users, yt, quarantined)
    to_order, to_quarantine = f"/community/orders/{order.pk}/", f"/quarantine/quarantines/{quarantined.pk}/"
    support = client_for("yuantang_doctor").get("/quarantine/support/").content.decode()
    assert "大米10斤、青菜" in support and to_order not in support
    assert client_for("yuantang_doctor").get(to_order).status_code == 403
    detail = client_for("county_publicity").get(to_order).content.decode()
    assert f"#{quarantined.pk}" in detail and to_quarantine not in detail
    assert client_for("county_publicity").get(to_quarantine).status_code == 403
    assert to_quarantine in client_for("yuantang_secretary").get(to_order).content.decode()


def test_delivering_the_order_delivers_its_support_request_with_one_work_event(
    users, yt, quarantined, events
):
    order = _order_for(users, yt, quarantined)
    services.produce_order_deliver(actor=users["yuantang_secretary"], order=order, received_yuan="45.5")
    order.refresh_from_db()
    req = order.support_request
    assert order.status == "delivered" and req.status == "delivered"
    assert req.delivered_at == order.delivered_at and req.assignee == yt["leader"]
    # One delivery, one piece of work: the order's event only, never a second support_delivered.
    assert [(kind, person) for kind, person, _obj in events] == [("produce_order_delivered", yt["leader"])]


def test_cancelling_the_order_cancels_its_support_request(users, yt, quarantined, events):
    order = _order_for(users, yt, quarantined)
    services.produce_order_cancel(actor=users["yuantang_secretary"], order=order, reason="家属已送达")
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert (order.support_request.status, order.support_request.cancel_reason) == ("cancelled", "家属已送达")
    assert events == []


def test_order_led_request_is_not_delivered_or_cancelled_from_the_quarantine_side(
    users, yt, quarantined, client_for
):
    from frontline.quarantine import services as quarantine_services

    order = _order_for(users, yt, quarantined)
    req = order.support_request
    quarantine_services.support_request_assign(
        actor=users["yuantang_secretary"], request=req, person=yt["leader"]
    )
    for call in (
        lambda: quarantine_services.support_request_deliver(actor=users["yuantang_secretary"], request=req),
        lambda: quarantine_services.support_request_cancel(
            actor=users["yuantang_secretary"], request=req, reason="x"
        ),
    ):
        with pytest.raises(ValidationError) as exc:
            call()
        assert str(order.pk) in exc.value.message_dict["status"][0]
    req.refresh_from_db()
    assert req.status == "assigned"
    # The quarantine page leads to the order instead of offering its own "delivered" button.
    page = client_for("yuantang_secretary").get(f"/quarantine/quarantines/{quarantined.pk}/").content.decode()
    assert f"/community/orders/{order.pk}/" in page
    assert f"/quarantine/support/{req.pk}/deliver/" not in page


def test_a_quarantine_with_orders_cannot_be_deleted(users, yt, quarantined):
    from django.db.models import ProtectedError

    _order_for(users, yt, quarantined)
    with pytest.raises(ProtectedError):
        quarantined.delete()


def test_order_naming_a_quarantine_outside_jurisdiction_is_refused(users, yt, quarantined):
    with pytest.raises(ValidationError) as exc:
        services.produce_order_create(
            actor=users["tangshi_secretary"], buyer_name="某", items="米", quarantine_id=quarantined.pk
        )
    assert "quarantine_id" in exc.value.message_dict
    assert ProduceOrder.objects.count() == 0 and not quarantined.support_requests.exists()


def test_photo_upload_is_checked_and_served_only_in_jurisdiction(client_for, yt, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = {
        "division_code": YUANTANG,
        "household_head": "钟",
        "product": "土鸡蛋",
        "quantity": "300",
        "unit": "个",
        "price_yuan": "1.2",
    }
    bad = client_for("yuantang_secretary").post(
        "/community/produce/new/", {**data, "photo": SimpleUploadedFile("x.png", b"<script>", "image/png")}
    )
    assert bad.status_code == 422 and ProduceListing.objects.count() == 0
    ok = client_for("yuantang_secretary").post(
        "/community/produce/new/", {**data, "photo": SimpleUploadedFile("钟家鸡蛋.png", PNG, "image/png")}
    )
    assert ok.status_code == 302
    listing = ProduceListing.objects.get()
    assert listing.price_fen == 120 and listing.photo.name.endswith(".png") and "钟" not in listing.photo.name
    photo = client_for("yuantang_secretary").get(f"/community/produce/{listing.pk}/photo/")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    assert client_for("tangshi_secretary").get(f"/community/produce/{listing.pk}/photo/").status_code == 404


def test_listing_form_refuses_wrong_role_and_wrong_village(client_for, yt):
    data = {
        "division_code": YUANTANG,
        "household_head": "钟",
        "product": "红薯",
        "quantity": "1",
        "unit": "斤",
        "price_yuan": "1",
    }
    assert client_for("xgwest_duty").post("/community/produce/new/", data).status_code == 403
    assert client_for("tangshi_secretary").post("/community/produce/new/", data).status_code == 422
    assert ProduceListing.objects.count() == 0


def test_order_pages_refuse_wrong_role_and_wrong_village(client_for, users, listing):
    order = services.produce_order_create(
        actor=users["yuantang_secretary"], listing=listing, buyer_name="买家", quantity="2"
    )
    for action, data in (
        ("deliver", {}),
        ("payment", {"received_yuan": "7"}),
        ("cancel", {"reason": "不要了"}),
    ):
        url = f"/community/orders/{order.pk}/{action}/"
        assert client_for("county_leader").post(url, data).status_code == 403
        assert client_for("tangshi_secretary").post(url, data).status_code == 404
    order.refresh_from_db()
    assert order.status == "open" and order.received_fen == 0
    status = client_for("yuantang_secretary").post(
        f"/community/orders/{order.pk}/payment/", {"received_yuan": "7"}
    )
    assert status.status_code == 302
    order.refresh_from_db()
    assert order.received_fen == 700


def test_listing_status_refuses_wrong_village(client_for, listing):
    url = f"/community/produce/{listing.pk}/status/"
    assert client_for("tangshi_secretary").post(url, {"status": "withdrawn"}).status_code == 404
    assert client_for("yuantang_doctor").post(url, {"status": "withdrawn"}).status_code == 403
    listing.refresh_from_db()
    assert listing.status == "available"


def test_order_list_query_count_pinned(client_for, users, listing, django_assert_max_num_queries):
    for i in range(6):
        services.produce_order_create(
            actor=users["yuantang_secretary"], listing=listing, buyer_name=f"买家{i}", quantity="1"
        )
    client = client_for("yuantang_secretary")
    with django_assert_max_num_queries(6):
        response = client.get("/community/orders/")
    assert len(response.context["page"]) == 6
    assert client_for("tangshi_secretary").get("/community/orders/").context["page"].paginator.count == 0


def test_neighbour_listing_not_orderable(users, listing, ts):
    with pytest.raises(ValidationError):
        services.produce_order_create(
            actor=users["tangshi_secretary"],
            listing=listing.pk,
            buyer_name="x",
            quantity="1",
            division_code=TANGSHI,
        )


def test_order_form_offers_the_open_quarantines_of_the_jurisdiction(client_for, yt, quarantined):
    form = client_for("yuantang_secretary").get("/community/orders/new/").context["form"]
    assert form.fields["quarantine_id"].choices == [
        ("", "—"),
        (quarantined.pk, f"#{quarantined.pk} 隔离户钟某 · 新屋组3号"),
    ]
    form = client_for("tangshi_secretary").get("/community/orders/new/").context["form"]
    assert form.fields["quarantine_id"].choices == [("", "—")]


def test_order_form_ignores_an_impossible_listing_in_the_url(users, client_for):
    # '²' passes str.isdigit() but not int(): the preselection is dropped, the form shown.
    assert client_for("gaoxing_admin").get("/community/orders/new/", {"listing": "²"}).status_code == 200
