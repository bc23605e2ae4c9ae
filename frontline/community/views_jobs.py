"""Pages of the employment survey, job postings near home and matches (农门口就业)."""

from django.contrib import messages
from django.db.models import Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from frontline.community import selectors, services
from frontline.community.forms import MatchDecideForm, MatchForm, PostingForm, SurveyForm
from frontline.community.models import MatchStatus
from frontline.community.views import _status, choices, filter_qs, run_form
from frontline.core.paging import paginate
from frontline.core.scoping import scoped

SURVEY_SUMS = ("members_surveyed", "working_away", "seeking_work", "farming", "business", "other")


@scoped("community.view")
@never_cache
def job_list(request):
    current = request.GET.get("all") != "1"
    page = paginate(request, selectors.posting_list(policy=request.policy, current=current), per_page=30)
    return render(
        request,
        "community/job_list.html",
        {"page": page, "current": current, "filters": filter_qs(all="" if current else "1")},
    )


@scoped("community.change")
@never_cache
def posting_new(request):
    form = PostingForm(request.POST or None, **choices(request, people=False))
    if request.method == "POST":
        posting = run_form(request, form, services.job_posting_create)
        if posting is not None:
            messages.success(request, _("Job posted."))
            return redirect("community:job", pk=posting.pk)
    return render(
        request, "community/form.html", {"form": form, "title": _("New job posting")}, status=_status(form)
    )


def _match_people(request):
    return selectors.people_choices(policy=request.policy, everyone=True)


def _posting_page(request, posting, form=None, status=200):
    matches = selectors.match_list(policy=request.policy, posting=posting.pk)[:200]
    if form is None and request.policy.has("community.change"):
        form = MatchForm(people=_match_people(request))
    return render(
        request,
        "community/job_detail.html",
        {"posting": posting, "matches": matches, "form": form, "decide_form": MatchDecideForm()},
        status=status,
    )


@scoped("community.view")
@never_cache
def posting_detail(request, pk: int):
    return _posting_page(request, selectors.posting_get(policy=request.policy, pk=pk))


@require_POST
@scoped("community.change")
@never_cache
def match_new(request, pk: int):
    posting = selectors.posting_get(policy=request.policy, pk=pk)
    form = MatchForm(request.POST, people=_match_people(request))
    if run_form(request, form, services.job_match_create, posting=posting) is not None:
        messages.success(request, _("Match recorded."))
        return redirect("community:job", pk=posting.pk)
    return _posting_page(request, posting, form=form, status=422)


@require_POST
@scoped("community.change")
def match_decide(request, pk: int):
    match = selectors.match_get(policy=request.policy, pk=pk)
    form = MatchDecideForm(request.POST)
    if form.is_valid():
        from django.core.exceptions import ValidationError

        try:
            services.job_match_decide(actor=request.user, match=match, status=form.cleaned_data["status"])
            messages.success(request, _("Result recorded."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    return redirect("community:job", pk=match.posting_id)


@scoped("community.view")
@never_cache
def match_list(request):
    status = request.GET.get("status", "")
    status = status if status in MatchStatus.values else ""
    page = paginate(request, selectors.match_list(policy=request.policy, status=status), per_page=30)
    return render(
        request,
        "community/match_list.html",
        {
            "page": page,
            "status": status,
            "statuses": MatchStatus.choices,
            "filters": filter_qs(status=status),
        },
    )


@scoped("community.view")
@never_cache
def survey_list(request):
    qs = selectors.survey_list(policy=request.policy)
    totals = qs.aggregate(**{k: Sum(k) for k in SURVEY_SUMS})
    page = paginate(request, qs, per_page=30)
    return render(
        request,
        "community/survey_list.html",
        {"page": page, "totals": totals, "households": page.paginator.count, "filters": ""},
    )


@scoped("community.change")
@never_cache
def survey_new(request):
    form = SurveyForm(request.POST or None, **choices(request))
    if request.method == "POST":
        survey = run_form(request, form, services.employment_survey_create)
        if survey is not None:
            messages.success(request, _("Survey recorded."))
            return redirect("community:surveys")
    return render(
        request,
        "community/form.html",
        {"form": form, "title": _("Household production and employment survey")},
        status=_status(form),
    )
