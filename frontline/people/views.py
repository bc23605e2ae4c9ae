from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.core.exports import Column, export_xlsx
from frontline.core.paging import paginate, posted_search
from frontline.core.scoping import scoped
from frontline.people import selectors, services


@scoped("people.view")
@never_cache
def person_list(request):
    # Searches come by POST so that names and ID numbers never land in URLs or access logs.
    search = posted_search(request, "q")
    page = paginate(request, selectors.person_list(policy=request.policy, q=search["q"]))
    template = "people/_person_rows.html" if request.htmx else "people/person_list.html"
    return render(request, template, {"page": page, "q": search["q"], "search": search})


@scoped("people.view")
@never_cache
def person_detail(request, pk: int):
    person = selectors.person_get(policy=request.policy, pk=pk)
    memberships = person.memberships.select_related("organization")
    return render(request, "people/person_detail.html", {"person": person, "memberships": memberships})


@require_POST
@scoped("people.unmask")
@never_cache
def person_unmask(request, pk: int):
    person = selectors.person_get(policy=request.policy, pk=pk)
    field = request.POST.get("field", "id_number")
    try:
        value = services.person_unmask(actor=request.user, person=person, field=field, request=request)
    except ValidationError as exc:
        return render(request, "people/_unmasked.html", {"error": exc.messages[0]}, status=422)
    return render(request, "people/_unmasked.html", {"value": value, "field": field})


@scoped("members.view")
@never_cache
def member_list(request):
    kind = request.GET.get("kind", "")
    page = paginate(request, selectors.member_list(policy=request.policy, kind=kind))
    return render(request, "people/member_list.html", {"page": page, "kind": kind})


@scoped("organizations.view")
def organization_list(request):
    orgs = selectors.organization_list(policy=request.policy).select_related("parent")
    page = paginate(request, orgs, per_page=100)
    return render(request, "people/organization_list.html", {"page": page})


@require_POST
@scoped("people.export")
def person_export(request):
    """The people list as xlsx (masked unless the role may unmask and ticks 'whole identifiers')."""
    qs = selectors.person_list(policy=request.policy, q=request.POST.get("q", ""))
    columns = [
        Column(_("Name"), lambda p: p.name),
        Column(_("Gender"), lambda p: p.get_gender_display()),
        Column(_("ID number"), lambda p: (p.id_masked, p.id_number_enc), protected="id", width=22),
        Column(_("Mobile"), lambda p: (p.phone_masked, p.phone_enc), protected="phone"),
        Column(_("Division"), lambda p: p.division_code, width=18),
        Column(_("Address"), lambda p: p.address, width=30),
    ]
    return export_xlsx(
        actor=request.user,
        policy=request.policy,
        title=str(_("People")),
        columns=columns,
        rows=qs.iterator(chunk_size=2000),
        object_type="people.person",
        division_code=request.policy.prefix,
        unmask=request.POST.get("unmask") == "1",
        request=request,
    )
