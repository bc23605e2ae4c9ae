from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.core.paging import paginate, posted_search
from frontline.core.scoping import scoped
from frontline.evaluation import selectors, services
from frontline.evaluation.forms import AdjustmentForm, CommendationForm, ObservationForm, PoolEntryForm
from frontline.evaluation.models import EntryStatus, Pool
from frontline.evaluation.profile import accountability_for, sections_for
from frontline.people.models import Profession


@scoped("evaluation.view")
@never_cache
def cadre_list(request):
    # Name searches by POST: names stay out of URLs and access logs.
    search = posted_search(request, "q")
    profession = request.GET.get("profession", "")
    if profession not in Profession.values:
        profession = ""
    page = paginate(
        request, selectors.cadre_list(policy=request.policy, q=search["q"], profession=profession)
    )
    return render(
        request,
        "evaluation/cadre_list.html",
        {"page": page, "q": search["q"], "search": search, "profession": profession},
    )


def _profile_context(request, cadre, forms=None):
    person = cadre.person
    policy = request.policy
    forms = forms or {}
    ctx = {
        "cadre": cadre,
        "person": person,
        "sections": sections_for(person, policy),
        "accountability": accountability_for(person, policy),
        "can_change": policy.has("evaluation.change"),
        "can_decide": policy.has("evaluation.decide"),
    }
    if ctx["can_change"]:
        ctx["observation_form"] = forms.get("observation") or ObservationForm()
        ctx["commendation_form"] = forms.get("commendation") or CommendationForm()
    if ctx["can_decide"]:
        ctx["pool_form"] = forms.get("pool") or _pool_form(request, person)
        ctx["adjustment_form"] = forms.get("adjustment") or AdjustmentForm()
    return ctx


def _pool_form(request, person, data=None):
    return PoolEntryForm(
        data,
        observations=selectors.observation_list(policy=request.policy, person=person),
        commendations=selectors.commendation_list(policy=request.policy, person=person),
    )


@scoped("evaluation.view")
@never_cache
def cadre_profile(request, pk: int):
    cadre = selectors.cadre_get(policy=request.policy, pk=pk)
    return render(request, "evaluation/profile.html", _profile_context(request, cadre))


def _errors(form, exc: ValidationError):
    for field, errs in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errs)


def _after(request, cadre, name, form, call):
    """Run the service when the form is valid; on success redirect, else re-render the profile (422)."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("evaluation:profile", pk=cadre.pk)
    ctx = _profile_context(request, cadre, {name: form})
    return render(request, "evaluation/profile.html", ctx, status=422)


@require_POST
@scoped("evaluation.change")
def observation_new(request, pk: int):
    cadre = selectors.cadre_get(policy=request.policy, pk=pk)
    return _after(
        request,
        cadre,
        "observation",
        ObservationForm(request.POST),
        lambda d: services.observation_create(actor=request.user, cadre=cadre, **d),
    )


@require_POST
@scoped("evaluation.change")
def commendation_new(request, pk: int):
    cadre = selectors.cadre_get(policy=request.policy, pk=pk)
    return _after(
        request,
        cadre,
        "commendation",
        CommendationForm(request.POST),
        lambda d: services.commendation_create(actor=request.user, person=cadre.person, **d),
    )


@require_POST
@scoped("evaluation.decide")
def pool_entry_new(request, pk: int):
    cadre = selectors.cadre_get(policy=request.policy, pk=pk)
    return _after(
        request,
        cadre,
        "pool",
        _pool_form(request, cadre.person, request.POST),
        lambda d: services.pool_entry_propose(
            actor=request.user,
            person=cadre.person,
            pool=d["pool"],
            reason=d["reason"],
            records=[*d["observations"], *d["commendations"]],
        ),
    )


@require_POST
@scoped("evaluation.decide")
def adjustment_new(request, pk: int):
    cadre = selectors.cadre_get(policy=request.policy, pk=pk)
    return _after(
        request,
        cadre,
        "adjustment",
        AdjustmentForm(request.POST),
        lambda d: services.adjustment_create(actor=request.user, person=cadre.person, **d),
    )


@scoped("evaluation.view")
@never_cache
def pools(request):
    pool = request.GET.get("pool", "")
    if pool not in Pool.values:
        pool = ""
    qs = selectors.pool_entry_list(policy=request.policy, pool=pool)
    return render(
        request,
        "evaluation/pools.html",
        {
            "page": paginate(request, qs),
            "pool": pool,
            "kind": pool,
            "pools": Pool.choices,
            "can_decide": request.policy.has("evaluation.decide"),
            "statuses": EntryStatus,
        },
    )


@require_POST
@scoped("evaluation.decide")
def pool_entry_decide(request, pk: int):
    entry = selectors.pool_entry_get(policy=request.policy, pk=pk)
    try:
        services.pool_entry_decide(
            actor=request.user,
            entry=entry,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("evaluation:pools")


@require_POST
@scoped("evaluation.decide")
def title_priority_sync(request):
    added = services.title_priority_sync(actor=request.user)
    messages.success(request, _("%(n)s records added to title-promotion priority.") % {"n": added})
    return redirect("evaluation:pools")
