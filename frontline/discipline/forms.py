"""Forms parse input only; the rules are in the services (the API calls the same ones)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.discipline.models import EntryCategory, Outcome, PledgeItem, Rating, TaskKind


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field where there is one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for e in errors:
                form.add_error(
                    field if field in form.fields else None, e.messages[0] if hasattr(e, "messages") else e
                )
    else:
        for message in exc.messages:
            form.add_error(None, message)


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"


class RuleSetForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=100)
    rules = forms.CharField(label=_("Rules, one per line"), widget=forms.Textarea(attrs={"rows": 12}))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NegativeEntryForm(forms.Form):
    cadre = forms.IntegerField(label=_("Cadre"), widget=forms.Select)
    category = forms.ChoiceField(label=_("Category"), choices=EntryCategory.choices)
    rule = forms.IntegerField(label=_("Rule breached"), required=False, widget=forms.Select)
    occurred_on = forms.DateField(label=_("Occurred on"), widget=DateInput)
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label=_("Evidence (optional)"), required=False)


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("under_review", _("Under review")),
            ("confirmed", pgettext_lazy("negative list", "Confirmed")),
            ("dismissed", _("Dismissed")),
        ],
    )
    note = forms.CharField(label=_("Review note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CaseDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    decided_by = forms.CharField(label=_("Decided by"), max_length=100)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput)
    decision = forms.CharField(label=_("Decision"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CaseCloseForm(forms.Form):
    note = forms.CharField(label=_("Closing note"), widget=forms.Textarea(attrs={"rows": 2}))


class DeedForm(forms.Form):
    person = forms.IntegerField(label=pgettext_lazy("party member", "Member"), widget=forms.HiddenInput)
    item = forms.ChoiceField(label=_("Pledge item"), choices=PledgeItem.choices)
    what = forms.CharField(label=_("What was done"), max_length=300)
    happened_at = forms.DateTimeField(label=_("When"), widget=DateTimeInput)
    place = forms.CharField(label=_("Where"), max_length=100, required=False)
    confirmed_by = forms.CharField(label=_("Confirmed by"), max_length=100, required=False)
    photo = forms.FileField(label=_("Photo (optional)"), required=False)


class AssessmentForm(forms.Form):
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices, widget=forms.RadioSelect)
    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class TaskForm(forms.Form):
    kind = forms.ChoiceField(label=_("Task"), choices=TaskKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput, required=False)
