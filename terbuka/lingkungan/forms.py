"""Forms only check the shape of input; the rules (prices, balances, stock, closed months) are
the services', whose errors `apply_service_errors` puts beside the field they name."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.core.forms import AccessibleForm
from terbuka.lingkungan.models import (
    Account,
    BuyerKind,
    Component,
    ComponentKind,
    HarvestUnit,
    NasabahKind,
    WasteCategory,
)


class DateInput(forms.DateInput):
    """The browser's date picker; it reads and writes ISO dates whatever the page language."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):  # noqa: A002 (Django's own name)
        super().__init__(attrs=attrs, format=format)


def _date(label=None):
    return forms.DateField(label=label or _("Date"), widget=DateInput, initial=timezone.localdate)


def _decimal_text(label, help_text="", required=False):
    # Text with inputmode=decimal: phones show the number pad, and "1,5" is accepted (the
    # service reads a comma as the decimal point).
    return forms.CharField(label=label, required=required, max_length=20, help_text=help_text,
                           widget=forms.TextInput(attrs={"inputmode": "decimal",
                                                         "autocomplete": "off"}))


class NasabahForm(AccessibleForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    kind = forms.ChoiceField(label=_("Kind"), choices=NasabahKind.choices)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    joined = _date(_("Joined"))


class _NasabahChoice(forms.Form):
    nasabah = forms.ModelChoiceField(label=_("Customer"), queryset=None)

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nasabah"].queryset = unit.nasabah.filter(is_active=True).order_by("number")


class DepositForm(AccessibleForm, _NasabahChoice):
    """One weight box per waste type the pemda accepts; empty boxes are types not brought."""

    date = _date()

    def __init__(self, *args, unit, waste_types, **kwargs):
        super().__init__(*args, unit=unit, **kwargs)
        self.waste_types = list(waste_types)
        for wt in self.waste_types:
            self.fields[f"w_{wt.pk}"] = _decimal_text(
                _("%(type)s (kg)") % {"type": wt.name})
        self.fields["note"] = forms.CharField(label=_("Note"), max_length=300, required=False)

    def lines(self):
        return [(wt, self.cleaned_data[f"w_{wt.pk}"]) for wt in self.waste_types
                if (self.cleaned_data.get(f"w_{wt.pk}") or "").strip()]

    def service_aliases(self):
        return {f"lines.{i}.weight_kg": f"w_{wt.pk}" for i, (wt, _kg) in enumerate(self.lines())}


class WithdrawalForm(AccessibleForm, _NasabahChoice):
    amount = forms.CharField(label=_("Amount (Rp)"), max_length=16,
                             widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    date = _date()
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class SaleForm(AccessibleForm, forms.Form):
    buyer_name = forms.CharField(label=_("Buyer"), max_length=160)
    buyer_kind = forms.ChoiceField(label=_("Kind of buyer"), choices=BuyerKind.choices)
    date = _date()

    def __init__(self, *args, waste_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.waste_types = list(waste_types)
        for wt in self.waste_types:
            self.fields[f"w_{wt.pk}"] = _decimal_text(_("%(type)s sold (kg)") % {"type": wt.name})
            self.fields[f"p_{wt.pk}"] = _decimal_text(
                _("%(type)s price per kg (Rp)") % {"type": wt.name})
        self.fields["note"] = forms.CharField(label=_("Note"), max_length=300, required=False)

    def lines(self):
        return [(wt, self.cleaned_data[f"w_{wt.pk}"], self.cleaned_data[f"p_{wt.pk}"] or "")
                for wt in self.waste_types
                if (self.cleaned_data.get(f"w_{wt.pk}") or "").strip()]

    def service_aliases(self):
        out = {}
        for i, (wt, _kg, _p) in enumerate(self.lines()):
            out[f"lines.{i}.weight_kg"] = f"w_{wt.pk}"
            out[f"lines.{i}.price_per_kg"] = f"p_{wt.pk}"
            out[f"lines.{i}"] = f"p_{wt.pk}"
        return out


class CashForm(AccessibleForm, forms.Form):
    direction = forms.ChoiceField(label=_("Direction"), choices=[
        ("in", _("Cash in")), ("out", _("Cash out (expense)"))])
    account = forms.ChoiceField(label=_("Source of cash in"), required=False, choices=[
        (Account.MODAL, Account.MODAL.label),
        (Account.PENDAPATAN_LAIN, Account.PENDAPATAN_LAIN.label)])
    amount = forms.CharField(label=_("Amount (Rp)"), max_length=16,
                             widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    note = forms.CharField(label=_("Description"), max_length=300)
    date = _date()


class PriceForm(AccessibleForm, forms.Form):
    waste_type = forms.ModelChoiceField(label=_("Waste type"), queryset=None)
    price_per_kg = forms.CharField(label=_("Price per kg (Rp)"), max_length=12,
                                   widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput,
                                 initial=timezone.localdate,
                                 help_text=_("Today or later: past deposits keep their price."))

    def __init__(self, *args, waste_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["waste_type"].queryset = waste_types


class CloseForm(AccessibleForm, forms.Form):
    month = forms.CharField(label=_("Month (YYYY-MM)"), max_length=7)


class CleanupForm(AccessibleForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, initial="Jumat Bersih")
    date = _date()
    region_code = forms.CharField(label=_("Desa/kelurahan (region code)"), max_length=13)
    place = forms.CharField(label=_("Place"), max_length=200)
    organiser = forms.CharField(label=_("Organiser"), max_length=200, required=False)
    participants = forms.IntegerField(label=_("Participants"), min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in WasteCategory.choices:
            self.fields[f"kg_{value}"] = _decimal_text(
                _("%(category)s collected (kg)") % {"category": label})

    def waste(self):
        return {value: self.cleaned_data[f"kg_{value}"] for value, _l in WasteCategory.choices
                if (self.cleaned_data.get(f"kg_{value}") or "").strip()}


class ParkForm(AccessibleForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=160)
    region_code = forms.CharField(label=_("Desa/kelurahan (region code)"), max_length=13)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    area_m2 = _decimal_text(_("Area (m²)"))
    care_group = forms.CharField(label=_("Care group"), max_length=160, required=False)
    members = forms.IntegerField(label=_("Members of the care group"), min_value=0,
                                 required=False)


class HouseholdForm(AccessibleForm, forms.Form):
    head_name = forms.CharField(label=_("Head of household"), max_length=160)
    region_code = forms.CharField(label=_("Desa/kelurahan (region code)"), max_length=13)
    members = forms.IntegerField(label=_("Household members"), min_value=1, max_value=60,
                                 initial=1)
    women_headed = forms.BooleanField(label=_("Women-headed household"), required=False)
    has_disability = forms.BooleanField(label=_("A member has a disability"), required=False)
    joined = _date(_("Joined"))


class PlotForm(AccessibleForm, forms.Form):
    area_m2 = _decimal_text(_("Area (m²)"), required=True)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    components = forms.MultipleChoiceField(
        label=_("Components"), choices=ComponentKind.choices,
        widget=forms.CheckboxSelectMultiple, required=False)


class HarvestForm(AccessibleForm, forms.Form):
    component = forms.ModelChoiceField(label=_("Component"), queryset=None)
    date = _date()
    commodity = forms.CharField(label=_("Commodity"), max_length=80)
    unit = forms.ChoiceField(label=_("Unit"), choices=HarvestUnit.choices)
    amount = _decimal_text(_("Amount harvested"), required=True)
    eaten = _decimal_text(_("Eaten at home"))
    sold = _decimal_text(_("Sold"))
    shared = _decimal_text(_("Shared"))
    sold_value = forms.CharField(label=_("Sales value (Rp)"), max_length=16, required=False,
                                 widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def __init__(self, *args, household, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["component"].queryset = Component.objects.filter(
            plot__household=household).select_related("plot")
        self.fields["component"].label_from_instance = (
            lambda c: f"{c.get_kind_display()} ({c.plot.area_m2} m²)")


class VisitForm(AccessibleForm, forms.Form):
    date = _date()
    officer = forms.CharField(label=_("Extension worker"), max_length=160)
    topic = forms.CharField(label=_("Topic"), max_length=200)
    note = forms.CharField(label=_("Note"), max_length=4000, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
