from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.checkpoints.models import AlertStatus, CheckpointKind


class CheckpointForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=CheckpointKind.choices)
    division_code = forms.CharField(label=_("Division"), max_length=15)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    active_from = forms.DateField(
        label=_("Active from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    shift_starts = forms.CharField(label=_("Shift start times"), initial="08:00, 20:00", required=False)


class CheckpointEditForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=CheckpointKind.choices)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    shift_starts = forms.CharField(label=_("Shift start times"), required=False)
    close = forms.BooleanField(label=_("Close this checkpoint from today"), required=False)


class AlertForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Follow-up"), choices=[c for c in AlertStatus.choices if c[0] != AlertStatus.OPEN]
    )
    # Required by the service (one message, also for the API); optional here so the service says so.
    note = forms.CharField(
        label=pgettext_lazy("alert", "Note"), max_length=500, required=False, widget=forms.TextInput
    )


class HighRiskAreaForm(forms.Form):
    code = forms.CharField(label=_("Area code"), max_length=6, help_text=_("42 = 湖北, 4201 = 武汉"))
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=50)
    valid_from = forms.DateField(label=_("From date"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(
        label=_("Until (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
