"""十带头 pledges and deeds, 党性体检 assessments."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.core import clock
from frontline.core.files import serve_file
from frontline.core.paging import paginate
from frontline.core.scoping import scoped
from frontline.discipline import pledges, selectors
from frontline.discipline.forms import AssessmentForm, DeedForm, apply_errors
from frontline.discipline.models import Assessment, Deed, Pledge, PledgeItem, Rating


@scoped("discipline.pledges_view")
@never_cache
def pledge_list(request):
    policy = request.policy
    division, pledged = request.GET.get("division", ""), request.GET.get("pledged", "")
    if division and not policy.covers(division):
        raise Http404
    qs = selectors.member_pledges(policy=policy, division=division, pledged=pledged)
    return render(
        request,
        "discipline/pledge_list.html",
        {
            "page": paginate(request, qs),
            "division": division,
            "pledged": pledged,
            "items": PledgeItem.choices,
            "may_write": policy.has("discipline.pledges_change"),
        },
    )


@require_POST
@scoped("discipline.pledges_change")
def pledge_bulk(request):
    """A branch meeting: every party member of the division pledges the ten items at once."""
    division = request.POST.get("division") or request.policy.prefix
    people = list(selectors.member_people(policy=request.policy, division=division))
    try:
        n = pledges.pledge_bulk_record(actor=request.user, people=people)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("%(n)s pledges recorded.") % {"n": n})
    return redirect("discipline:pledges")


@scoped("discipline.pledges_view")
@never_cache
def member_detail(request, pk: int):
    """One member: pledge, deeds, negative entries (if the role may read them), and the 党性体检 form."""
    policy = request.policy
    person = selectors.member_get(policy=policy, pk=pk)
    assessment = Assessment.objects.filter(person=person, campaign=pledges.CAMPAIGN).first()
    form = AssessmentForm(
        request.POST or None,
        initial={"rating": assessment.rating, "comments": assessment.comments} if assessment else None,
    )
    if request.method == "POST":
        policy.require("discipline.assess")
        if form.is_valid():
            try:
                pledges.assessment_record(actor=request.user, person=person, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Assessment saved."))
                return redirect("discipline:member", pk=person.pk)
    return render(
        request,
        "discipline/member_detail.html",
        {
            "person": person,
            "pledge": Pledge.objects.filter(person=person).first(),
            "deeds": selectors.deed_list(policy=policy, person_id=person.pk)[:50],
            "negatives": selectors.negatives_for_form(policy=policy, person=person),
            "assessment": assessment,
            "form": form,
            "deed_form": DeedForm(
                initial={"person": person.pk, "happened_at": clock.now().strftime("%Y-%m-%dT%H:%M")}
            ),
            "may_assess": policy.has("discipline.assess"),
            "may_write": policy.has("discipline.pledges_change"),
        },
        status=422 if form.errors else 200,
    )


@scoped("discipline.pledges_view")
@never_cache
def deed_list(request):
    item, source = request.GET.get("item", ""), request.GET.get("source", "")
    qs = selectors.deed_list(policy=request.policy, item=item, source=source)
    return render(
        request,
        "discipline/deed_list.html",
        {"page": paginate(request, qs), "item": item, "source": source, "items": PledgeItem.choices},
    )


@require_POST
@scoped("discipline.pledges_change")
def deed_new(request):
    form = DeedForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        pk = request.POST.get("person", "")
        return redirect("discipline:member", pk=int(pk)) if pk.isdecimal() else redirect("discipline:deeds")
    data = form.cleaned_data
    person = selectors.member_get(policy=request.policy, pk=data.pop("person"))
    try:
        pledges.deed_create(actor=request.user, person=person, **data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Deed recorded."))
    return redirect("discipline:member", pk=person.pk)


@scoped("discipline.pledges_view")
def deed_detail(request, pk: int):
    deed = selectors.deed_get(policy=request.policy, pk=pk)
    return render(
        request,
        "discipline/deed_detail.html",
        {"deed": deed, "may_write": request.policy.has("discipline.pledges_change")},
    )


@require_POST
@scoped("discipline.pledges_change")
def deed_confirm(request, pk: int):
    deed = selectors.deed_get(policy=request.policy, pk=pk)
    try:
        pledges.deed_confirm(actor=request.user, deed=deed, confirmed_by=request.POST.get("confirmed_by", ""))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("discipline:deed", pk=deed.pk)


@scoped("discipline.pledges_view")
def deed_photo(request, pk: int):
    deed: Deed = selectors.deed_get(policy=request.policy, pk=pk)
    return serve_file(deed.photo, attachment=False)


@scoped("discipline.pledges_view")
@never_cache
def assessment_list(request):
    rating = request.GET.get("rating", "")
    qs = selectors.assessment_list(policy=request.policy, rating=rating)
    return render(
        request,
        "discipline/assessment_list.html",
        {"page": paginate(request, qs), "rating": rating, "ratings": Rating.choices},
    )
