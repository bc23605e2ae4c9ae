"""Web forms: parsing only. The rules are in services; their ValidationErrors land on these fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from frontline.community.models import (
    GatheringKind,
    GatheringSource,
    ListingStatus,
    MatchStatus,
    Outcome,
    PatrolMethod,
    TeamKind,
)

DATE = forms.DateInput(attrs={"type": "date"})
NUMBER = forms.TextInput(attrs={"inputmode": "numeric"})
DECIMAL = forms.TextInput(attrs={"inputmode": "decimal"})


def apply_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields (unknown fields become form errors)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class ScopedForm(forms.Form):
    """Division and person pick lists come from the policy (selectors), never from the whole table."""

    def __init__(self, *args, divisions=(), people=(), teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        blank = [("", "—")]
        for name, field in self.fields.items():
            if name == "division_code":
                field.choices = list(divisions)
            elif name in ("leader", "person", "persuaded_by", "handler", "logged_by", "surveyed_by"):
                field.choices = blank + list(people)
            elif name == "members":
                field.choices = list(people)
            elif name == "team":
                field.choices = blank + list(teams)


class TeamForm(ScopedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=TeamKind.choices)
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    division_code = forms.ChoiceField(label=_("Village or township"))
    formed_on = forms.DateField(label=_("Formed on"), widget=DATE, required=False)
    leader = forms.ChoiceField(label=pgettext_lazy("team", "Leader"), required=False)
    members = forms.MultipleChoiceField(
        label=pgettext_lazy("team", "Members"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)


class TeamEditForm(ScopedForm):
    name = forms.CharField(label=pgettext_lazy("thing", "Name"), max_length=100)
    leader = forms.ChoiceField(label=pgettext_lazy("team", "Leader"), required=False)
    members = forms.MultipleChoiceField(
        label=pgettext_lazy("team", "Members"), required=False, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)


class PatrolLogForm(ScopedForm):
    date = forms.DateField(label=_("Date"), widget=DATE, required=False)
    route = forms.CharField(label=_("Route"), max_length=200)
    methods = forms.MultipleChoiceField(
        label=_("Methods"), choices=PatrolMethod.choices, widget=forms.CheckboxSelectMultiple
    )
    households_reached = forms.IntegerField(label=_("Households reached"), min_value=0, widget=NUMBER)
    logged_by = forms.ChoiceField(label=_("Logged by (team member)"), required=False)
    notes = forms.CharField(
        label=_("Notes"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class GatheringForm(ScopedForm):
    division_code = forms.ChoiceField(label=_("Village or grid"))
    household_head = forms.CharField(label=_("Head of household"), max_length=50)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=GatheringKind.choices)
    planned_date = forms.DateField(label=_("Planned date"), widget=DATE, required=False)
    expected_guests = forms.IntegerField(
        label=_("Expected guests"), min_value=0, required=False, widget=NUMBER
    )
    source = forms.ChoiceField(label=_("Source"), choices=GatheringSource.choices)
    found_on = forms.DateField(label=_("Found on"), widget=DATE, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, initial=Outcome.PENDING)
    persuaded_by = forms.ChoiceField(label=_("Persuaded by"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    notes = forms.CharField(
        label=_("Notes"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class OutcomeForm(ScopedForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    persuaded_by = forms.ChoiceField(label=_("Persuaded by"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    on = forms.DateField(label=_("Date"), widget=DATE, required=False)


class ListingForm(ScopedForm):
    division_code = forms.ChoiceField(label=_("Village or grid"))
    household_head = forms.CharField(label=_("Head of household"), max_length=50)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    product = forms.CharField(label=_("Product"), max_length=100)
    quantity = forms.CharField(label=_("Quantity"), max_length=14, widget=DECIMAL)
    unit = forms.CharField(label=_("Unit"), max_length=10, help_text=_("斤, 公斤, 只, 个 …"))
    price_yuan = forms.CharField(label=_("Price per unit (yuan)"), max_length=14, widget=DECIMAL)
    photo = forms.FileField(
        label=_("Photo"), required=False, widget=forms.ClearableFileInput(attrs={"accept": "image/*"})
    )
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)


class ListingStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ListingStatus.choices)


class OrderForm(ScopedForm):
    division_code = forms.ChoiceField(label=_("Village or grid"), required=False)
    listing = forms.TypedChoiceField(label=_("Produce listing"), coerce=int, required=False, empty_value=None)
    quarantine_id = forms.IntegerField(
        label=_("Home quarantine number (if the buyer is under home quarantine)"),
        required=False,
        widget=NUMBER,
    )
    buyer_name = forms.CharField(label=_("Buyer"), max_length=50)
    buyer_phone = forms.CharField(label=_("Buyer mobile"), max_length=20, required=False, widget=NUMBER)
    buyer_address = forms.CharField(label=_("Delivery address"), max_length=200, required=False)
    items = forms.CharField(label=_("Items"), max_length=300, required=False)
    quantity = forms.CharField(label=_("Quantity"), max_length=14, required=False, widget=DECIMAL)
    amount_yuan = forms.CharField(label=_("Amount due (yuan)"), max_length=14, required=False, widget=DECIMAL)
    handler = forms.ChoiceField(label=_("Party member handling it"), required=False)
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def __init__(self, *args, listings=(), quarantines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division_code"].choices = [("", "—")] + list(self.fields["division_code"].choices)
        self.fields["listing"].choices = [("", "—")] + list(listings)
        if quarantines is not None:
            # With the quarantine app: pick the household among the open quarantines of the jurisdiction.
            self.fields["quarantine_id"] = forms.TypedChoiceField(
                label=_("Household under home quarantine (if any)"),
                choices=[("", "—")] + list(quarantines),
                coerce=int,
                required=False,
                empty_value=None,
            )


class DeliverForm(ScopedForm):
    handler = forms.ChoiceField(label=_("Party member handling it"), required=False)
    received_yuan = forms.CharField(
        label=_("Money received (yuan)"), max_length=14, required=False, widget=DECIMAL
    )


class PaymentForm(forms.Form):
    received_yuan = forms.CharField(label=_("Money received (yuan)"), max_length=14, widget=DECIMAL)


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class SurveyForm(ScopedForm):
    division_code = forms.ChoiceField(label=_("Village or grid"))
    household_head = forms.CharField(label=_("Head of household"), max_length=50)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    surveyed_on = forms.DateField(label=_("Surveyed on"), widget=DATE, required=False)
    members_surveyed = forms.IntegerField(label=_("Household members surveyed"), min_value=0, widget=NUMBER)
    working_away = forms.IntegerField(label=_("Working away"), min_value=0, required=False, widget=NUMBER)
    seeking_work = forms.IntegerField(
        label=_("Back home, looking for work"), min_value=0, required=False, widget=NUMBER
    )
    farming = forms.IntegerField(label=_("Farming"), min_value=0, required=False, widget=NUMBER)
    business = forms.IntegerField(label=_("Running a business"), min_value=0, required=False, widget=NUMBER)
    other = forms.IntegerField(
        label=_("Other (students, elderly …)"), min_value=0, required=False, widget=NUMBER
    )
    surveyed_by = forms.ChoiceField(label=_("Surveyed by"), required=False)
    notes = forms.CharField(
        label=_("Notes"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


PAY_PERIOD_CHOICES = [
    ("month", _("per month")),
    ("day", _("per day")),
    ("hour", _("per hour")),
    ("piece", _("per piece")),
]


class PostingForm(ScopedForm):
    division_code = forms.ChoiceField(label=_("Village or township"))
    employer = forms.CharField(label=_("Employer"), max_length=100)
    title = forms.CharField(label=_("Job"), max_length=100)
    place = forms.CharField(label=_("Place"), max_length=200)
    positions = forms.IntegerField(label=_("Positions"), min_value=1, widget=NUMBER)
    pay_min_yuan = forms.IntegerField(label=_("Pay from (yuan)"), min_value=0, required=False, widget=NUMBER)
    pay_max_yuan = forms.IntegerField(label=_("Pay up to (yuan)"), min_value=0, required=False, widget=NUMBER)
    pay_period = forms.ChoiceField(label=_("Pay period"), choices=PAY_PERIOD_CHOICES)
    contact_name = forms.CharField(label=_("Contact"), max_length=50, required=False)
    contact_phone = forms.CharField(label=_("Contact mobile"), max_length=20, required=False, widget=NUMBER)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE)
    notes = forms.CharField(
        label=_("Notes"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MatchForm(ScopedForm):
    person = forms.ChoiceField(label=_("Job seeker"))
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)


class MatchDecideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Result"), choices=[(MatchStatus.HIRED, _("Hired")), (MatchStatus.DECLINED, _("Declined"))]
    )
