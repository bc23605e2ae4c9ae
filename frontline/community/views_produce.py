"""Pages of produce listings and orders (党员代购, 滞销农产品直销)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.community import selectors, services
from frontline.community.forms import (
    CancelForm,
    DeliverForm,
    ListingForm,
    ListingStatusForm,
    OrderForm,
    PaymentForm,
)
from frontline.community.models import ListingStatus, OrderStatus
from frontline.community.views import _status, choices, filter_qs, run_form
from frontline.core.files import serve_file
from frontline.core.paging import paginate
from frontline.core.scoping import scoped

PHOTO_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


@scoped("community.view")
@never_cache
def listing_list(request):
    status = request.GET.get("status", "")
    status = status if status in ListingStatus.values else ""
    page = paginate(request, selectors.listing_list(policy=request.policy, status=status), per_page=30)
    return render(
        request,
        "community/listing_list.html",
        {
            "page": page,
            "status": status,
            "statuses": ListingStatus.choices,
            "filters": filter_qs(status=status),
        },
    )


@scoped("community.change")
@never_cache
def listing_new(request):
    form = ListingForm(request.POST or None, request.FILES or None, **choices(request, people=False))
    if request.method == "POST":
        listing = run_form(request, form, services.produce_listing_create)
        if listing is not None:
            messages.success(request, _("Produce listed."))
            return redirect("community:listing", pk=listing.pk)
    return render(
        request,
        "community/form.html",
        {"form": form, "title": _("List unsold produce"), "multipart": True},
        status=_status(form),
    )


@scoped("community.view")
@never_cache
def listing_detail(request, pk: int):
    listing = selectors.listing_get(policy=request.policy, pk=pk)
    orders = selectors.order_list(policy=request.policy, listing=listing.pk)[:100]
    return render(
        request,
        "community/listing_detail.html",
        {
            "listing": listing,
            "orders": orders,
            "remaining": services.listing_remaining(listing),
            "status_form": ListingStatusForm(initial={"status": listing.status}),
        },
    )


@require_POST
@scoped("community.change")
def listing_status(request, pk: int):
    listing = selectors.listing_get(policy=request.policy, pk=pk)
    form = ListingStatusForm(request.POST)
    if form.is_valid():
        services.produce_listing_set_status(
            actor=request.user, listing=listing, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Status changed."))
    return redirect("community:listing", pk=listing.pk)


@scoped("community.view")
def listing_photo(request, pk: int):
    """Photos are served through the policy, never from a public media URL."""
    listing = selectors.listing_get(policy=request.policy, pk=pk)
    ext = (listing.photo.name or "").rsplit(".", 1)[-1].lower()
    response = serve_file(
        listing.photo, content_type=PHOTO_TYPES.get(ext, "application/octet-stream"), attachment=False
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


@scoped("community.view")
@never_cache
def order_list(request):
    status = request.GET.get("status", "")
    status = status if status in OrderStatus.values else ""
    page = paginate(request, selectors.order_list(policy=request.policy, status=status), per_page=30)
    return render(
        request,
        "community/order_list.html",
        {
            "page": page,
            "status": status,
            "statuses": OrderStatus.choices,
            "filters": filter_qs(status=status),
        },
    )


def _order_form(request, data=None):
    listings = [
        (
            item.pk,
            f"{item.product} · {item.household_head} · ¥{services.fen_display(item.price_fen)}/{item.unit}",
        )
        for item in selectors.listing_list(policy=request.policy, status=ListingStatus.AVAILABLE)[:200]
    ]
    initial = {}
    if request.GET.get("listing", "").isdecimal():
        initial["listing"] = int(request.GET["listing"])
    quarantines = selectors.quarantine_choices(policy=request.policy)
    return OrderForm(data, initial=initial, listings=listings, quarantines=quarantines, **choices(request))


@scoped("community.change")
@never_cache
def order_new(request):
    form = _order_form(request, request.POST or None)
    if request.method == "POST":
        order = run_form(request, form, services.produce_order_create)
        if order is not None:
            messages.success(request, _("Order recorded."))
            return redirect("community:order", pk=order.pk)
    return render(
        request,
        "community/form.html",
        {
            "form": form,
            "title": _("New order"),
            "intro": _(
                "For listed produce choose the listing; to buy for a household (党员代购) describe the items. "
                "An order for a household under home quarantine also becomes one of its living-support requests."
            ),
        },
        status=_status(form),
    )


def _order_page(request, order, forms=None, status=200):
    forms = forms or {}
    # Publicity editors read orders but not quarantines: the quarantine is then named, not linked.
    ctx = {"order": order, "may_quarantine": request.policy.has("quarantine.view")}
    if request.policy.has("community.change"):
        ctx["deliver_form"] = forms.get("deliver") or DeliverForm(
            initial={"handler": order.handler_id}, **choices(request)
        )
        ctx["payment_form"] = forms.get("payment") or PaymentForm()
        ctx["cancel_form"] = forms.get("cancel") or CancelForm()
    return render(request, "community/order_detail.html", ctx, status=status)


@scoped("community.view")
@never_cache
def order_detail(request, pk: int):
    return _order_page(request, selectors.order_get(policy=request.policy, pk=pk))


def _order_action(request, pk, form_cls, key, service, done_message, **form_kwargs):
    order = selectors.order_get(policy=request.policy, pk=pk)
    form = form_cls(request.POST, **form_kwargs)
    if run_form(request, form, service, order=order) is not None:
        messages.success(request, done_message)
        return redirect("community:order", pk=order.pk)
    return _order_page(request, order, forms={key: form}, status=422)


@require_POST
@scoped("community.change")
@never_cache
def order_deliver(request, pk: int):
    return _order_action(
        request,
        pk,
        DeliverForm,
        "deliver",
        services.produce_order_deliver,
        _("Delivery recorded."),
        **choices(request),
    )


@require_POST
@scoped("community.change")
@never_cache
def order_payment(request, pk: int):
    return _order_action(
        request, pk, PaymentForm, "payment", services.produce_order_record_payment, _("Payment recorded.")
    )


@require_POST
@scoped("community.change")
@never_cache
def order_cancel(request, pk: int):
    return _order_action(
        request, pk, CancelForm, "cancel", services.produce_order_cancel, _("Order cancelled.")
    )
