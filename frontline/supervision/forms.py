from django import forms
from django.utils.translation import gettext_lazy as _

from frontline.discipline.forms import DateInput


class AssignmentForm(forms.Form):
    leader = forms.IntegerField(label=_("Department leader"), widget=forms.Select)
    division_code = forms.CharField(label=_("Township"), widget=forms.Select)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class VisitForm(forms.Form):
    leader = forms.IntegerField(label=_("Department leader"), widget=forms.Select)
    division_code = forms.CharField(label=_("Township"), widget=forms.Select)
    visited_on = forms.DateField(label=_("Visited on"), widget=DateInput)
    companions = forms.CharField(label=_("Accompanied by"), max_length=200, required=False)
    checked = forms.CharField(label=_("What was checked"), widget=forms.Textarea(attrs={"rows": 3}))
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class FeedbackForm(forms.Form):
    sent_on = forms.DateField(label=_("Feedback sent on"), widget=DateInput)
    to = forms.CharField(label=_("Feedback sent to"), max_length=100)
    feedback = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 2}))


class FindingForm(forms.Form):
    text = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 2}))
    serious = forms.BooleanField(label=_("Serious"), required=False)


class RectificationForm(forms.Form):
    finding = forms.IntegerField(widget=forms.HiddenInput)
    action = forms.CharField(label=_("What must be done"), max_length=300)
    owner = forms.CharField(label=_("Owner"), max_length=100)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput)


class CloseForm(forms.Form):
    note = forms.CharField(label=_("How it was fixed"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Evidence (optional)"), required=False)
