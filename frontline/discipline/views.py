"""十严禁 and 负面清单 / 追责问责 pages. Thin: parse → authorize → service/selector → render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.core import clock
from frontline.core.figures import compute, get_figure
from frontline.core.files import serve_file
from frontline.core.paging import paginate
from frontline.core.scoping import scoped
from frontline.discipline import selectors, services
from frontline.discipline.forms import (
    CaseCloseForm,
    CaseDecisionForm,
    NegativeEntryForm,
    ReviewForm,
    RuleSetForm,
    apply_errors,
)
from frontline.discipline.models import Acknowledgement, EntryCategory, EntryStatus, Rule
from frontline.people.models import Cadre, CadreKind
from frontline.supervision.selectors import township_names


@scoped("discipline.view")
def hub(request):
    policy = request.policy
    day = clock.today()
    keys = ["deeds", "pledges", "commando_teams", "working_groups"]
    if policy.has("discipline.negative_view"):
        keys = ["negative_list_entries", "accountability_cases", *keys]
    figures = compute(policy.prefix, day.replace(month=1, day=1), day, keys=keys)
    tiles = [
        {"label": get_figure(k).label, "unit": get_figure(k).unit, "value": v} for k, v in figures.items()
    ]
    can = {
        "negative": policy.has("discipline.negative_view"),
        "pledges": policy.has("discipline.pledges_view"),
    }
    return render(request, "discipline/hub.html", {"tiles": tiles, "can": can})


# -- 十严禁 ------------------------------------------------------------------------------------
def _own_org_cadre(request):
    person_id = getattr(request.user, "person_id", None)
    if not person_id:
        return None
    return Cadre.objects.filter(person_id=person_id, kind=CadreKind.ORG_CADRE).first()


@scoped("discipline.rules_view")
def rules(request):
    ruleset = selectors.ruleset_in_force(policy=request.policy)
    cadre = _own_org_cadre(request)
    acked = bool(cadre and ruleset and Acknowledgement.objects.filter(ruleset=ruleset, cadre=cadre).exists())
    versions = selectors.ruleset_list(policy=request.policy)
    return render(
        request,
        "discipline/rules.html",
        {
            "ruleset": ruleset,
            "cadre": cadre,
            "acked": acked,
            "versions": versions,
            "may_ack_view": request.policy.has("discipline.ack_view"),
            "may_change": request.policy.has("discipline.rules_change"),
        },
    )


@scoped("discipline.rules_view")
def ruleset_detail(request, pk: int):
    ruleset = selectors.ruleset_get(policy=request.policy, pk=pk)
    return render(
        request, "discipline/ruleset_detail.html", {"ruleset": ruleset, "rules": ruleset.rules.all()}
    )


@scoped("discipline.rules_change")
def ruleset_new(request):
    current = selectors.ruleset_in_force(policy=request.policy)
    if request.method == "POST":
        form = RuleSetForm(request.POST)
        if form.is_valid():
            try:
                rs = services.ruleset_publish(
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    rules=form.cleaned_data["rules"].splitlines(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Version %(v)s is now in force.") % {"v": rs.version})
                return redirect("discipline:rules")
    else:
        initial = {}
        if current:
            initial = {"title": current.title, "rules": "\n".join(r.text for r in current.rules.all())}
        form = RuleSetForm(initial=initial)
    return render(request, "discipline/ruleset_form.html", {"form": form, "current": current})


@require_POST
@scoped("discipline.rules_view")
def ack_self(request):
    cadre = _own_org_cadre(request)
    if cadre is None:
        raise Http404
    try:
        services.acknowledgement_record(actor=request.user, cadres=[cadre])
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Acknowledged. Thank you."))
    return redirect("discipline:rules")


@scoped("discipline.ack_view")
@never_cache
def ack_pending(request):
    policy = request.policy
    ruleset = selectors.ruleset_in_force(policy=policy)
    division = request.GET.get("division", "")
    if division and not policy.covers(division):
        raise Http404
    counts = selectors.ack_counts(policy=policy, ruleset=ruleset)
    names = township_names()
    for row in counts:
        row["name"] = names.get(row["code"], row["code"])
    page = paginate(request, selectors.ack_pending(policy=policy, ruleset=ruleset, division=division))
    return render(
        request,
        "discipline/ack_pending.html",
        {
            "ruleset": ruleset,
            "counts": counts,
            "page": page,
            "division": division,
            "may_record": policy.has("discipline.ack_record"),
        },
    )


@require_POST
@scoped("discipline.ack_record")
def ack_record(request):
    ids = [int(i) for i in request.POST.getlist("cadre") if i.isdecimal()]
    cadres = list(selectors.org_cadres(policy=request.policy).filter(pk__in=ids))
    if len(cadres) != len(set(ids)):
        raise Http404
    try:
        n = services.acknowledgement_record(actor=request.user, cadres=cadres)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("%(n)s acknowledgements recorded.") % {"n": n})
    return redirect("discipline:ack_pending")


# -- 负面清单 ----------------------------------------------------------------------------------
@scoped("discipline.negative_view")
@never_cache
def negative_list(request):
    status, category = request.GET.get("status", ""), request.GET.get("category", "")
    qs = selectors.negative_list(policy=request.policy, status=status, category=category)
    return render(
        request,
        "discipline/negative_list.html",
        {
            "page": paginate(request, qs),
            "status": status,
            "category": category,
            "statuses": EntryStatus.choices,
            "categories": EntryCategory.choices,
            "may_write": request.policy.has("discipline.negative_change"),
        },
    )


def _negative_form_choices(request, form):
    cadres = selectors.cadre_choices(policy=request.policy).filter(
        kind__in=[CadreKind.ORG_CADRE, CadreKind.CADRE, CadreKind.FIRST_SECRETARY]
    )
    form.fields["cadre"].widget.choices = [("", "—")] + [
        (c.pk, f"{c.person.name} · {c.position or c.get_kind_display()} · {c.division_code}") for c in cadres
    ]
    ruleset = selectors.ruleset_in_force(policy=request.policy)
    form.fields["rule"].widget.choices = [("", "—")] + (
        [(r.pk, f"{r.number}. {r.text}"[:80]) for r in ruleset.rules.all()] if ruleset else []
    )
    return form


@scoped("discipline.negative_change")
@never_cache
def negative_new(request):
    form = NegativeEntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        cadre = selectors.cadre_choices(policy=request.policy).filter(pk=data["cadre"]).first()
        rule = (
            Rule.objects.filter(pk=data["rule"]).select_related("ruleset").first() if data["rule"] else None
        )
        if cadre is None:
            form.add_error("cadre", _("Choose a cadre."))
        else:
            try:
                entry = services.negative_entry_create(
                    actor=request.user,
                    cadre=cadre,
                    category=data["category"],
                    facts=data["facts"],
                    occurred_on=data["occurred_on"],
                    rule=rule,
                    evidence=data["evidence"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Entry recorded."))
                return redirect("discipline:negative_detail", pk=entry.pk)
    _negative_form_choices(request, form)
    return render(
        request, "discipline/negative_form.html", {"form": form}, status=422 if form.errors else 200
    )


@scoped("discipline.negative_view")
@never_cache
def negative_detail(request, pk: int):
    entry = selectors.negative_get(policy=request.policy, pk=pk)
    case = getattr(entry, "case", None) if hasattr(entry, "case") else None
    return render(
        request,
        "discipline/negative_detail.html",
        {
            "entry": entry,
            "case": case,
            "review_form": ReviewForm(),
            "decision_form": CaseDecisionForm(initial={"decided_on": clock.today()}),
            "close_form": CaseCloseForm(),
            "may_write": request.policy.has("discipline.negative_change"),
        },
    )


@scoped("discipline.negative_view")
@never_cache
def negative_evidence(request, pk: int):
    entry = selectors.negative_get(policy=request.policy, pk=pk)
    return serve_file(entry.evidence)


def _post_then_detail(request, entry, fn):
    try:
        fn()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Saved."))
    return redirect("discipline:negative_detail", pk=entry.pk)


@require_POST
@scoped("discipline.negative_change")
def negative_review(request, pk: int):
    entry = selectors.negative_get(policy=request.policy, pk=pk)
    return _post_then_detail(
        request,
        entry,
        lambda: services.negative_entry_review(
            actor=request.user,
            entry=entry,
            status=request.POST.get("status", ""),
            note=request.POST.get("note", ""),
        ),
    )


@require_POST
@scoped("discipline.negative_change")
def case_open(request, pk: int):
    entry = selectors.negative_get(policy=request.policy, pk=pk)
    return _post_then_detail(request, entry, lambda: services.case_open(actor=request.user, entry=entry))


@require_POST
@scoped("discipline.negative_change")
def case_decide(request, pk: int):
    case = selectors.case_get(policy=request.policy, pk=pk)
    form = CaseDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("discipline:negative_detail", pk=case.entry_id)
    return _post_then_detail(
        request, case.entry, lambda: services.case_decide(actor=request.user, case=case, **form.cleaned_data)
    )


@require_POST
@scoped("discipline.negative_change")
def case_close(request, pk: int):
    case = selectors.case_get(policy=request.policy, pk=pk)
    return _post_then_detail(
        request,
        case.entry,
        lambda: services.case_close(actor=request.user, case=case, note=request.POST.get("note", "")),
    )


@scoped("discipline.negative_view")
@never_cache
def case_list(request):
    qs = selectors.case_list(policy=request.policy, open_only=request.GET.get("open") == "1")
    return render(request, "discipline/case_list.html", {"page": paginate(request, qs)})
