from django.contrib import messages
from django.shortcuts import render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from frontline.audit.models import Action
from frontline.audit.selectors import audit_event_list
from frontline.core.paging import paginate, posted_search
from frontline.core.scoping import scoped

FILTERS = ("action", "actor", "object_type", "object_id", "division", "date_from", "date_to")


def _valid_date(value: str) -> bool:
    try:
        return parse_date(value) is not None
    except ValueError:  # well formed but impossible, e.g. 2020-02-30
        return False


@scoped("audit.view")
@never_cache
def event_list(request):
    # The filters come by POST (a username may be a person's name) and page as an opaque key.
    search = posted_search(request, *FILTERS)
    filters = dict(search.terms)
    for name in ("date_from", "date_to"):
        if filters[name] and not _valid_date(filters[name]):
            messages.error(request, _("Enter a date as YYYY-MM-DD."))
            filters[name] = ""
    page = paginate(request, audit_event_list(policy=request.policy, filters=filters), per_page=100)
    return render(
        request,
        "audit/event_list.html",
        {"page": page, "filters": filters, "search": search, "actions": Action.choices},
    )
