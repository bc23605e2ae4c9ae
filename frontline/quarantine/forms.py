"""Web forms: parsing only. The rules are in services; their ValidationErrors land on these fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.quarantine.models import (
    SYMPTOMS,
    CheckInSource,
    Contact,
    RiskClass,
    Slot,
    Source,
    Status,
    SupportKind,
    TravelMode,
)


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (unknown fields become form errors)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class ScreeningForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    id_number = forms.CharField(label=_("ID number"), max_length=20, required=False)
    phone = forms.CharField(label=_("Mobile"), max_length=20, required=False)
    division_code = forms.ChoiceField(label=_("Village or grid where staying"))
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    campaign = forms.TypedChoiceField(label=_("Campaign"), coerce=int)
    returned_from_code = forms.CharField(
        label=_("Returned from (division code)"),
        max_length=12,
        required=False,
        help_text=_("e.g. 42 Hubei, 4201 Wuhan, 44 Guangdong, 33 Zhejiang"),
    )
    returned_from_text = forms.CharField(label=_("Returned from (place)"), max_length=100, required=False)
    return_date = forms.DateField(
        label=_("Return date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    travel_mode = forms.ChoiceField(label=_("Travel mode"), choices=TravelMode.choices)
    travel_number = forms.CharField(label=_("Train, flight or plate number"), max_length=30, required=False)
    contact = forms.ChoiceField(
        label=pgettext_lazy("exposure", "Contact"), choices=Contact.choices, initial=Contact.NONE
    )
    symptoms = forms.MultipleChoiceField(
        label=_("Symptoms"), choices=SYMPTOMS, required=False, widget=forms.CheckboxSelectMultiple
    )
    temperature = forms.CharField(
        label=_("Temperature (°C)"),
        max_length=6,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    source = forms.ChoiceField(label=_("Source"), choices=Source.choices, initial=Source.DOOR_TO_DOOR)
    rescreen_reason = forms.CharField(
        label=_("Reason for re-screening (only if already screened)"), max_length=200, required=False
    )

    def __init__(self, *args, divisions=(), campaigns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division_code"].choices = [(d.code, d.full_name or d.name) for d in divisions]
        self.fields["campaign"].choices = [(c.pk, c.name) for c in campaigns]


class StartForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=60)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    reason = forms.CharField(label=_("Note"), max_length=300, required=False)


class TeamForm(forms.Form):
    cadre = forms.TypedChoiceField(
        label=pgettext_lazy("quarantine team", "Cadre"), coerce=int, required=False, empty_value=None
    )
    doctor = forms.TypedChoiceField(label=_("Village doctor"), coerce=int, required=False, empty_value=None)
    police = forms.TypedChoiceField(label=_("Police officer"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [
            (p.pk, f"{p.name} {p.id_masked[-4:] if p.id_masked else ''}") for p in candidates
        ]
        for f in ("cadre", "doctor", "police"):
            self.fields[f].choices = choices


class CheckInForm(forms.Form):
    temperature = forms.CharField(
        label=_("Temperature (°C)"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "class": "big"}),
    )
    slot = forms.ChoiceField(label=_("Slot"), choices=Slot.choices, widget=forms.RadioSelect)
    slot_date = forms.DateField(
        label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    symptoms = forms.MultipleChoiceField(
        label=_("Symptoms"), choices=SYMPTOMS, required=False, widget=forms.CheckboxSelectMultiple
    )
    source = forms.ChoiceField(
        label=_("Taken by"),
        choices=[c for c in CheckInSource.choices if c[0] != CheckInSource.EXTERNAL],
        initial=CheckInSource.TEAM,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Extend by (days)"), min_value=1, max_value=28, initial=7)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class EndForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Status.RELEASED, Status.RELEASED.label),
            (Status.RELEASED_EARLY, Status.RELEASED_EARLY.label),
            (Status.REFERRED, Status.REFERRED.label),
            (Status.TRANSFERRED, Status.TRANSFERRED.label),
        ],
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)


class AlertForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Alert"),
        choices=[("following", _("Being followed up")), ("closed", pgettext_lazy("alert", "Closed"))],
    )
    note = forms.CharField(label=pgettext_lazy("handling", "What was done"), max_length=300)


class SupportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SupportKind.choices)
    items = forms.CharField(label=_("Items"), max_length=300)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AssignForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Party member (代购)"), coerce=int)

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(p.pk, p.name) for p in members]


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class GridForm(forms.Form):
    village_code = forms.ChoiceField(label=_("Village"))
    name = forms.CharField(label=_("Grid name"), max_length=100)
    leader = forms.TypedChoiceField(label=_("Grid leader"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, villages=(), people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village_code"].choices = [(v.code, v.name) for v in villages]
        self.fields["leader"].choices = [("", "—")] + [(p.pk, p.name) for p in people]


class HouseholdForm(forms.Form):
    address = forms.CharField(label=_("Address"), max_length=200)
    head = forms.TypedChoiceField(label=_("Head of household"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].choices = [("", "—")] + [(p.pk, p.name) for p in people]


class RiskRuleForm(forms.Form):
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999)
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    requires_fever = forms.BooleanField(label=_("Fever"), required=False)
    requires_symptoms = forms.BooleanField(label=_("Any symptom"), required=False)
    contact_levels = forms.CharField(label=_("Contact (suspected, confirmed)"), max_length=40, required=False)
    area_prefixes = forms.CharField(label=_("Returned from (code prefixes)"), max_length=200, required=False)
    within_days = forms.IntegerField(
        label=_("Returned within days"), min_value=1, max_value=365, required=False
    )
    risk_class = forms.ChoiceField(label=_("Risk class"), choices=RiskClass.choices)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
