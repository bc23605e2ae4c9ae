from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.evaluation.models import AdjustmentKind, CommendationLevel, Pool, Rating


class DateInput(forms.DateInput):
    input_type = "date"


class ObservationForm(forms.Form):
    observed_on = forms.DateField(label=_("Date"), widget=DateInput)
    event = forms.CharField(label=_("Event"), max_length=200)
    conduct = forms.CharField(label=_("Conduct"), widget=forms.Textarea(attrs={"rows": 3}))
    rating = forms.ChoiceField(label=_("Rating"), choices=Rating.choices)
    assessment = forms.CharField(
        label=_("Assessment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    observer = forms.CharField(label=_("Observed by"), max_length=100)


class CommendationForm(forms.Form):
    level = forms.ChoiceField(label=_("Commendation level"), choices=CommendationLevel.choices)
    title = forms.CharField(label=_("Commendation title"), max_length=200)
    awarded_on = forms.DateField(label=_("Date"), widget=DateInput)
    awarded_by = forms.CharField(label=_("Awarded by"), max_length=100, required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=60, required=False)


class PoolEntryForm(forms.Form):
    pool = forms.ChoiceField(label=_("Priority pool"), choices=Pool.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    observations = forms.ModelMultipleChoiceField(
        label=_("Justifying observations"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    commendations = forms.ModelMultipleChoiceField(
        label=_("Justifying commendations"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, observations, commendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observations"].queryset = observations
        self.fields["commendations"].queryset = commendations


class AdjustmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Measure"), choices=AdjustmentKind.choices)
    decided_on = forms.DateField(label=_("Date"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    from_position = forms.CharField(label=_("Former post"), max_length=100, required=False)
    to_position = forms.CharField(label=pgettext_lazy("position", "New post"), max_length=100, required=False)
    decided_by = forms.CharField(label=_("Decided by"), max_length=100)
    document_number = forms.CharField(label=_("Document number"), max_length=60, required=False)
