"""Ending several quarantines at once: one person asks, a second approves (four-eyes)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.core import clock
from frontline.core.scoping import scoped
from frontline.quarantine.models import OPEN_STATUSES, BulkState, BulkStatusChange, Quarantine
from frontline.quarantine.services.bulk import bulk_status_decide, bulk_status_request
from frontline.quarantine.services.quarantine import END_STATUSES


@scoped("quarantine.manage")
@never_cache
def bulk_list(request):
    policy = request.policy
    today = clock.today()
    due = (
        policy.scope(Quarantine.objects.filter(status__in=OPEN_STATUSES, ends_on__lte=today))
        .select_related("person")
        .order_by("ends_on", "pk")[:300]
    )
    changes = policy.scope(BulkStatusChange.objects.select_related("requested_by", "decided_by"))[:50]
    if request.method == "POST":
        try:
            change = bulk_status_request(
                actor=request.user,
                quarantine_ids=request.POST.getlist("quarantine_ids"),
                status=request.POST.get("status", ""),
                reason=request.POST.get("reason", ""),
                division_code=policy.prefix,
            )
        except (ValidationError, ValueError) as exc:
            text = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            messages.error(request, text)
        else:
            messages.success(request, change)
            return redirect("quarantine:bulk")
    statuses = [(s.value, s.label) for s in END_STATUSES]
    return render(
        request,
        "quarantine/bulk.html",
        {"due": due, "changes": changes, "statuses": statuses, "pending": BulkState.PENDING},
    )


@require_POST
@scoped("quarantine.manage")
def bulk_decide(request, pk: int):
    change = request.policy.get_or_404(BulkStatusChange.objects.all(), pk=pk)
    try:
        bulk_status_decide(
            actor=request.user,
            change=change,
            approve=request.POST.get("approve") == "1",
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    return redirect("quarantine:bulk")
