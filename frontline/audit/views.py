from django.shortcuts import render
from django.views.decorators.cache import never_cache

from frontline.audit.models import Action
from frontline.audit.selectors import audit_event_list
from frontline.core.paging import paginate
from frontline.core.scoping import scoped

FILTERS = ("action", "actor", "object_type", "object_id", "division", "date_from", "date_to")


@scoped("audit.view")
@never_cache
def event_list(request):
    filters = {k: request.GET.get(k, "").strip() for k in FILTERS}
    page = paginate(request, audit_event_list(policy=request.policy, filters=filters), per_page=100)
    return render(
        request, "audit/event_list.html", {"page": page, "filters": filters, "actions": Action.choices}
    )
