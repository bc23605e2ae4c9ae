"""The phone registration page, registration lists, figures by day and alerts."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.checkpoints import selectors, services
from frontline.checkpoints.forms import AlertForm
from frontline.checkpoints.models import AlertKind, AlertStatus, Direction, VehicleType
from frontline.checkpoints.places import place_name, search_places, static_places
from frontline.checkpoints.plates import PROVINCES
from frontline.checkpoints.temperature import PLAUSIBLE_MAX, PLAUSIBLE_MIN, fever_threshold
from frontline.core import clock
from frontline.core.api_support import MAX_ID
from frontline.core.exports import Column, export_xlsx
from frontline.core.paging import paginate
from frontline.core.scoping import public, scoped
from frontline.quarantine import selectors as quarantine_selectors


def _js_messages() -> dict:
    return {
        "plate_required": _("Plate number is required."),
        "plate_province": _("A plate starts with a province abbreviation such as 赣 or 鄂."),
        "plate_io": _("Plates never use the letters I or O: did you mean 1 or 0?"),
        "plate_length": _("A plate has 7 characters (8 for new-energy vehicles)."),
        "plate_new_energy": _(
            "An 8-character new-energy plate has D or F third (粤BD12345) or last (粤B12345D)."
        ),
        "plate_format": _(
            "Not a valid plate: a province abbreviation, a letter, then 5 letters or digits (赣B12345)."
        ),
        "id_required": _("ID number is required."),
        "id_length": _("ID number must have 18 characters."),
        "id_format": _("ID number may contain only digits and a final X."),
        "id_birth_date": _("ID number contains an impossible birth date."),
        "id_checksum": _("ID number check digit is wrong: please check every digit."),
        "id_duplicate": _("The same ID number is entered twice."),
        "phone_required": _("The driver's mobile number is required."),
        "phone_invalid": _("Not a valid mainland mobile number (11 digits starting with 1)."),
        "name_required": _("Name is required."),
        "temperature_required": _("Temperature is required."),
        "temperature_format": _("Temperature must be a number such as 36.5."),
        "temperature_range": _("Not a plausible body temperature (34–43 °C): please measure again."),
        "fever": _("Fever"),
        "place_required": _("Say where the vehicle comes from or goes to (pick a place or type it)."),
        "checkpoint_required": _("Choose the checkpoint."),
        "choose": _("Choose one."),
        "fix_errors": _("Please correct the fields marked in red."),
        "queued": _("Saved on this phone; it will be sent when the network is back."),
        "sent": _("Sent"),
        "already": _("Already received earlier"),
        "pending": _("Waiting to send: %(n)s"),
        "offline": _("Offline"),
        "online": _("Online"),
        "rejected": _("Not accepted by the server: correct it"),
        "edit": _("Correct"),
        "discard": _("Discard"),
        "discard_confirm": _("Discard this unsent entry?"),
        "login_again": _(
            "Your session has ended. Unsent entries are kept on this phone: log in again to send them."
        ),
        "occupant": _("Passenger"),
        "driver": _("Driver"),
        "alerts": {
            "fever": _("Fever"),
            "high_risk_origin": _("From a high-risk area"),
            "high_risk_plate": _("Plate from a high-risk province"),
        },
    }


@scoped("checkpoints.register")
@never_cache
def register(request):
    now = clock.now()
    checkpoints = list(
        selectors.checkpoints_for_registration(policy=request.policy, actor=request.user, at=now)
    )
    config = {
        "api": reverse("api:api-root") + "checkpoint-registrations/",
        "places": reverse("checkpoints:places"),
        "login": reverse("login") + "?next=" + reverse("checkpoints:register"),
        "server_now": now.isoformat(),
        "threshold": str(fever_threshold()),
        "t_min": str(PLAUSIBLE_MIN),
        "t_max": str(PLAUSIBLE_MAX),
        "provinces": {k: v[1] for k, v in PROVINCES.items()},
        "static_places": [{"code": c, "name": n} for c, n in static_places()],
        "messages": _js_messages(),
    }
    return render(
        request,
        "checkpoints/register.html",
        {
            "checkpoints": checkpoints,
            "config": config,
            "vehicle_types": VehicleType.choices,
            "directions": Direction.choices,
        },
    )


@require_POST
@scoped("checkpoints.register")
def places(request):
    """Place names for the from/to picker. The term is typed free text that may be part of an address,
    so it comes by POST like every search (never in a URL or an access log)."""
    return JsonResponse({"items": search_places(request.POST.get("q", "")[:30])})


def _day(raw: str | None) -> dt.date | None:
    """A YYYY-MM-DD filter, or None when absent, malformed or impossible (2020-02-30)."""
    try:
        return parse_date(raw or "")
    except ValueError:
        return None


def _checkpoint_id(raw: str | None) -> int | None:
    """A checkpoint id filter, or None unless it is a positive id a database column can hold."""
    try:
        pk = int(raw or 0)
    except ValueError:
        return None
    return pk if 0 < pk <= MAX_ID else None


def _filters(request):
    return _day(request.GET.get("day")), _checkpoint_id(request.GET.get("checkpoint"))


@scoped("checkpoints.view")
@never_cache
def registration_list(request):
    day, checkpoint = _filters(request)
    alerts_only = request.GET.get("alerts") == "1"
    qs = selectors.registration_list(
        policy=request.policy, checkpoint=checkpoint, day=day, alerts_only=alerts_only
    )
    page = paginate(request, qs, per_page=30)
    return render(
        request,
        "checkpoints/registration_list.html",
        {
            "page": page,
            "day": day,
            "checkpoint": checkpoint,
            "alerts_only": alerts_only,
            "checkpoints": selectors.checkpoint_list(policy=request.policy)
            .select_related(None)
            .only("pk", "name"),
            "perms_export": request.policy.has("checkpoints.export"),
        },
    )


@scoped("checkpoints.view")
@never_cache
def registration_detail(request, pk: int):
    reg = selectors.registration_get(policy=request.policy, pk=pk)
    policy = request.policy
    # Issue 4: each occupant can be turned into a returnee screening in one step; a done one links to it.
    screened = quarantine_selectors.checkpoint_screenings(policy=policy, registration=reg)
    occupants = list(reg.occupants.all())
    for o in occupants:
        o.screening = screened.get(o.person_id)
    return render(
        request,
        "checkpoints/registration_detail.html",
        {
            "reg": reg,
            "occupants": occupants,
            "may_screen": policy.has("quarantine.screen"),
            "may_see_returnees": policy.has("quarantine.view"),
            "any_screened": bool(screened),
        },
    )


@require_POST
@scoped("checkpoints.export")
def registration_export(request):
    """Every person registered (one row each), masked unless the role may unmask and asks to."""
    day, checkpoint = _day(request.POST.get("day")), _checkpoint_id(request.POST.get("checkpoint"))
    rows = selectors.occupant_rows(policy=request.policy, checkpoint=checkpoint, day=day)
    columns = [
        Column(_("Registered at"), lambda o: o.registration.registered_at, width=17),
        Column(_("Checkpoint"), lambda o: o.registration.checkpoint.name, width=22),
        Column(_("Plate"), lambda o: o.registration.plate),
        Column(_("Vehicle type"), lambda o: o.registration.get_vehicle_type_display()),
        Column(_("Direction"), lambda o: o.registration.get_direction_display()),
        Column(
            _("Coming from"),
            lambda o: _place_text(o.registration.origin_code, o.registration.origin_text),
            width=24,
        ),
        Column(
            _("Going to"),
            lambda o: _place_text(o.registration.destination_code, o.registration.destination_text),
            width=24,
        ),
        Column(_("Name"), lambda o: o.name),
        Column(
            _("ID number"), lambda o: (o.person.id_masked, o.person.id_number_enc), protected="id", width=22
        ),
        Column(_("Mobile"), lambda o: (o.phone_masked, o.phone_enc), protected="phone"),
        Column(_("Temperature"), lambda o: float(o.temperature)),
        Column(_("Fever"), lambda o: _("yes") if o.is_fever else ""),
    ]
    return export_xlsx(
        actor=request.user,
        policy=request.policy,
        title=str(_("Checkpoint registrations")),
        columns=columns,
        rows=rows.iterator(chunk_size=2000),
        object_type="checkpoints.occupant",
        division_code=request.policy.prefix,
        unmask=request.POST.get("unmask") == "1",
        request=request,
    )


def _place_text(code, text):
    name = place_name(code) if code else ""
    return " ".join(x for x in (name, text) if x)


def _range(request):
    today = clock.today()
    start = _day(request.GET.get("start")) or today - dt.timedelta(days=13)
    end = _day(request.GET.get("end")) or today
    if start > end:
        start, end = end, start
    return start, min(end, start + dt.timedelta(days=92))


@scoped("checkpoints.view")
def stats(request):
    start, end = _range(request)
    daily = selectors.daily_by_checkpoint(policy=request.policy, start=start, end=end)
    return render(
        request,
        "checkpoints/stats.html",
        {
            "start": start,
            "end": end,
            "daily": daily[:300],
            "busiest": selectors.busiest_days(policy=request.policy)[:50],
            "townships": selectors.daily_by_township(policy=request.policy, start=start, end=end),
            "perms_export": request.policy.has("checkpoints.export"),
        },
    )


@require_POST
@scoped("checkpoints.export")
def stats_export(request):
    start = _day(request.POST.get("start")) or clock.today() - dt.timedelta(days=13)
    end = _day(request.POST.get("end")) or clock.today()
    rows = selectors.daily_by_checkpoint(policy=request.policy, start=start, end=end)
    columns = [
        Column(_("Day"), lambda r: r["day"]),
        Column(_("Checkpoint"), lambda r: r["checkpoint__name"], width=24),
        Column(_("Vehicles"), lambda r: r["vehicles"]),
        Column(pgettext("count", "People"), lambda r: r["people"] or 0),
    ]
    return export_xlsx(
        actor=request.user,
        policy=request.policy,
        title=str(_("Registrations per checkpoint and day")),
        columns=columns,
        rows=rows,
        object_type="checkpoints.daily",
        division_code=request.policy.prefix,
        request=request,
    )


@scoped("checkpoints.alerts")
@never_cache
def alert_list(request):
    status = request.GET.get("status", "open")
    kind = request.GET.get("kind", "")
    qs = selectors.alert_list(policy=request.policy, status=status if status != "all" else "", kind=kind)
    page = paginate(request, qs, per_page=30)
    return render(
        request,
        "checkpoints/alert_list.html",
        {
            "page": page,
            "status": status,
            "kind": kind,
            "statuses": AlertStatus.choices,
            "kinds": AlertKind.choices,
            "form": AlertForm(),
            "may_handle": request.policy.has("checkpoints.alerts_handle"),
            "may_screen": request.policy.has("quarantine.screen") and request.policy.has("checkpoints.view"),
        },
    )


@require_POST
@scoped("checkpoints.alerts_handle")
def alert_update(request, pk: int):
    alert = selectors.alert_get(policy=request.policy, pk=pk)
    form = AlertForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            alert = services.alert_update(actor=request.user, alert=alert, **form.cleaned_data)
        except ValidationError as exc:
            error = "; ".join(exc.messages)
    else:
        error = "; ".join(e for errs in form.errors.values() for e in errs)
    return render(
        request,
        "checkpoints/_alert_row.html",
        {
            "a": alert,
            "form": AlertForm(),
            "error": error,
            "may_handle": True,
            "may_screen": request.policy.has("quarantine.screen") and request.policy.has("checkpoints.view"),
        },
        # HTMX swaps only 2xx answers: the row with its error message is the answer either way.
        status=200 if request.htmx or not error else 422,
    )


@public
def bench_bare(request):
    """Benchmark baseline (mounted only with FRONTLINE_BENCH=1): the whole middleware stack, no work."""
    return HttpResponse("ok", content_type="text/plain")
