"""Forms only parse; the register's rules live in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.core.forms import AccessibleForm
from terbuka.core.models import Opd
from terbuka.sosial.models import (
    AidKind,
    DisabilityType,
    FoundBy,
    Giver,
    OpdReferralStatus,
    Priority,
    Sex,
)

DATE = forms.DateInput(attrs={"type": "date"})


class CaseForm(AccessibleForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    nik = forms.CharField(label=_("NIK"), max_length=16, required=False,
                          help_text=_("16 digits, when known."))
    kk_number = forms.CharField(label=_("Family card number (No. KK)"), max_length=16,
                                required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    desa = forms.CharField(label=_("Desa code"), max_length=13,
                           help_text=_("Kemendagri code, for example 52.07.02.2001."))
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    categories = forms.MultipleChoiceField(label=_("PMKS categories"), choices=(),
                                           widget=forms.CheckboxSelectMultiple)
    disability_type = forms.ChoiceField(label=_("Disability type"), required=False,
                                        choices=[("", "—"), *DisabilityType.choices])
    found_by = forms.ChoiceField(label=_("Found by"), choices=FoundBy.choices)
    found_on = forms.DateField(label=_("Found on"), widget=DATE)
    summary = forms.CharField(label=_("Situation"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [(c.code, f"{c.code} {c.name}") for c in categories]


class AssessmentForm(AccessibleForm, forms.Form):
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)
    assessor = forms.CharField(label=_("Assessor"), max_length=120)
    needs = forms.CharField(label=_("Needs found"), max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}))
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)


class AidForm(AccessibleForm, forms.Form):
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=AidKind.choices)
    description = forms.CharField(label=_("What"), max_length=200)
    giver = forms.ChoiceField(label=_("Given by"), choices=Giver.choices)
    giver_name = forms.CharField(label=_("Giver's name"), max_length=120, required=False)
    value = forms.DecimalField(label=_("Value (Rp)"), min_value=0, decimal_places=0,
                               required=False)
    opd = forms.ModelChoiceField(label=_("OPD"), queryset=Opd.objects.none(), required=False)

    def __init__(self, *args, pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = Opd.objects.filter(pemda=pemda, is_active=True)


class OpdReferralForm(AccessibleForm, forms.Form):
    from_opd = forms.ModelChoiceField(label=_("From OPD"), queryset=Opd.objects.none())
    to_opd = forms.ModelChoiceField(label=_("To OPD"), queryset=Opd.objects.none())
    reason = forms.CharField(label=_("Reason"), max_length=300)
    sent_on = forms.DateField(label=_("Sent on"), widget=DATE)

    def __init__(self, *args, pemda, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Opd.objects.filter(pemda=pemda, is_active=True)
        self.fields["from_opd"].queryset = qs
        self.fields["to_opd"].queryset = qs


class RespondForm(AccessibleForm, forms.Form):
    referral = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Answer"), choices=OpdReferralStatus.choices[1:])
    response = forms.CharField(label=_("Response"), max_length=300, required=False)


class FollowUpForm(AccessibleForm, forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))
    close = forms.BooleanField(label=_("Close the case"), required=False)


class DtsenForm(AccessibleForm, forms.Form):
    file = forms.FileField(label=_("CSV file"),
                           help_text=_("Columns: nik or no_kk, and desil (1–10)."))
    as_of = forms.DateField(label=_("Deciles as of"), widget=DATE)
