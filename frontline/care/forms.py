"""Web forms parse input only; rules live in services. Amounts are typed in yuan and parsed to fen."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from frontline.care.models import AllocationSource, RecipientCategory
from frontline.care.money import parse_yuan
from frontline.people.identifiers import parse_id_number
from frontline.people.models import Organization


class YuanField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        try:
            return parse_yuan(value)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["amount"]) from None


class DateInput(forms.DateInput):
    input_type = "date"


class AllocationForm(forms.Form):
    title = forms.CharField(label=_("Allocation title"), max_length=200)
    source = forms.ChoiceField(label=_("Source"), choices=AllocationSource.choices)
    amount = YuanField(label=_("Amount (yuan)"), help_text=_("e.g. 371000 or 37.1万"))
    decided_on = forms.DateField(label=_("Date"), widget=DateInput)
    decided_by = forms.CharField(label=_("Decided by"), max_length=100)
    document_number = forms.CharField(label=_("Decision document number"), max_length=60, required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DisbursementForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=RecipientCategory.choices)
    recipient_id_number = forms.CharField(
        label=_("Recipient's ID number (person)"), max_length=18, required=False
    )
    recipient_org = forms.ModelChoiceField(
        label=_("Recipient organization"), queryset=Organization.objects.none(), required=False
    )
    amount = YuanField(label=_("Amount (yuan)"))
    approver = forms.CharField(label=_("Approver"), max_length=100)
    voucher_number = forms.CharField(label=_("Voucher number"), max_length=60)
    voucher_file = forms.FileField(label=_("Voucher scan (optional)"), required=False)
    paid_on = forms.DateField(label=_("Date paid"), widget=DateInput)
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["recipient_org"].queryset = organizations

    def clean_recipient_id_number(self):
        value = self.cleaned_data.get("recipient_id_number", "").strip()
        return parse_id_number(value).value if value else ""

    def clean_voucher_file(self):
        f = self.cleaned_data.get("voucher_file")
        if f and f.size > 5 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 5 MB."))
        if f and not f.name.lower().endswith((".pdf", ".jpg", ".jpeg", ".png")):
            raise ValidationError(_("Upload a PDF, JPG or PNG file."))
        return f


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Date"), widget=DateInput)
    category = forms.ChoiceField(label=_("Category"), choices=RecipientCategory.choices)
    recipient_id_number = forms.CharField(
        label=_("Visited person's ID number"), max_length=18, required=False
    )
    recipient_org = forms.ModelChoiceField(
        label=_("Visited organization"), queryset=Organization.objects.none(), required=False
    )
    household = forms.CharField(label=_("Family / household"), max_length=200, required=False)
    division_code = forms.CharField(label=_("Division code (for a family)"), max_length=15, required=False)
    visitor_names = forms.CharField(label=_("Visitors"), max_length=200)
    items = forms.CharField(label=_("What was given"), max_length=300, required=False)
    voucher_number = forms.CharField(
        label=_("Voucher number of the money given (optional)"), max_length=60, required=False
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organizations is not None:
            self.fields["recipient_org"].queryset = organizations

    def clean_recipient_id_number(self):
        value = self.cleaned_data.get("recipient_id_number", "").strip()
        return parse_id_number(value).value if value else ""
