"""Forms only parse; the rules live in services (their errors come back beside the field)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.core.forms import AccessibleForm
from terbuka.core.models import Place, PlaceKind
from terbuka.gotongroyong.models import (
    Damage,
    FundSource,
    HouseStage,
    Kelompok,
    Latrine,
    MemberRole,
    PhotoStage,
    Programme,
    ProgrammeKind,
    ProjectKind,
)

DATE = forms.DateInput(attrs={"type": "date"})
MONEY_HELP = _("Whole rupiah, without dots.")


def _money(label, required=False):
    return forms.DecimalField(label=label, required=required, min_value=0, decimal_places=0,
                              max_digits=16, help_text=MONEY_HELP,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))


class _PemdaForm(AccessibleForm, forms.Form):
    def __init__(self, *args, pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.pemda = pemda
        if "dusun" in self.fields:
            self.fields["dusun"].queryset = Place.objects.filter(
                pemda=pemda, kind=PlaceKind.DUSUN, is_active=True).order_by("region_id", "name")


class KelompokForm(_PemdaForm):
    name = forms.CharField(label=_("Group name"), max_length=160)
    desa = forms.CharField(label=_("Desa code"), max_length=13,
                           help_text=_("Kemendagri code, for example 52.07.02.2001."))
    dusun = forms.ModelChoiceField(label=_("Dusun"), queryset=Place.objects.none(),
                                   required=False)
    members = forms.CharField(
        label=_("Members"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: name; role (ketua, sekretaris, bendahara or anggota); "
                    "add “; P” for a woman."))

    def clean_members(self):
        out = []
        for line in self.cleaned_data["members"].splitlines():
            parts = [p.strip() for p in line.split(";")]
            if not parts[0]:
                continue
            role = (parts[1].lower() if len(parts) > 1 and parts[1] else MemberRole.ANGGOTA)
            if role not in MemberRole.values:
                raise forms.ValidationError(
                    _("“%(role)s” is not a role: use ketua, sekretaris, bendahara or anggota.")
                    % {"role": role})
            is_woman = len(parts) > 2 and parts[2].upper() == "P"
            out.append({"name": parts[0], "role": role, "is_woman": is_woman})
        if not any(m["role"] == MemberRole.KETUA for m in out):
            raise forms.ValidationError(_("Name the group's chair (ketua)."))
        return out


class ProjectForm(_PemdaForm):
    kelompok = forms.ModelChoiceField(label=_("Community group"), queryset=Kelompok.objects.none())
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.none(),
                                       required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProjectKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    output = forms.CharField(label=_("Output"), max_length=200,
                             help_text=_("What will be built or done, e.g. a farm road."))
    volume = forms.DecimalField(label=_("Volume"), min_value=0, decimal_places=2)
    unit = forms.CharField(label=_("Unit"), max_length=30, help_text=_("e.g. m, m², unit"))
    budget_apbd = _money(_("APBD budget (Rp)"))
    budget_apbdes = _money(_("APBDes budget (Rp)"))
    contribution_money = _money(_("Community contribution in money (Rp)"))
    contribution_materials = forms.CharField(label=_("Community contribution in materials"),
                                             max_length=300, required=False)
    contribution_materials_value = _money(_("Value of the materials (Rp)"))
    contribution_workdays = forms.IntegerField(label=_("Community work-days (HOK)"),
                                               min_value=0, required=False)
    unit_rate = _money(_("Padat Karya: rate per unit of output (Rp)"))

    def __init__(self, *args, pemda, kelompok_qs, **kwargs):
        super().__init__(*args, pemda=pemda, **kwargs)
        self.fields["kelompok"].queryset = kelompok_qs
        self.fields["programme"].queryset = Programme.objects.filter(pemda=pemda, is_active=True)


class TrancheForm(AccessibleForm, forms.Form):
    amount = _money(_("Amount (Rp)"), required=True)
    source = forms.ChoiceField(label=_("Source"), choices=FundSource.choices)
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class ProgressForm(AccessibleForm, forms.Form):
    reported_on = forms.DateField(label=_("Date"), widget=DATE)
    physical_pct = forms.DecimalField(label=_("Physical progress (%)"), decimal_places=1)
    spent = _money(_("Spent so far (Rp)"), required=True)
    volume_done = forms.DecimalField(label=_("Volume done"), decimal_places=2, required=False)
    workdays = forms.IntegerField(label=_("Community work-days so far"), min_value=0,
                                  required=False)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class PhotoForm(AccessibleForm, forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=PhotoStage.choices)
    image = forms.FileField(label=_("Photo"),
                            widget=forms.ClearableFileInput(attrs={"accept": "image/*"}))
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)
    latitude = forms.DecimalField(label=_("Latitude"), required=False, decimal_places=6,
                                  help_text=_("Only when the photo carries no location."))
    longitude = forms.DecimalField(label=_("Longitude"), required=False, decimal_places=6)


class SignForm(AccessibleForm, forms.Form):
    signed_by = forms.CharField(label=_("Signed by (group chair)"), max_length=120)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)


class HouseholdForm(_PemdaForm):
    dusun = forms.ModelChoiceField(label=_("Dusun"), queryset=Place.objects.none())
    head_name = forms.CharField(label=_("Head of household"), max_length=120)
    house_number = forms.CharField(label=_("House number or landmark"), max_length=60,
                                   required=False)
    members = forms.IntegerField(label=_("People in the household"), min_value=1, initial=1)
    latrine = forms.ChoiceField(label=_("Latrine"), choices=Latrine.choices)
    cuci_tangan = forms.BooleanField(label=_("Handwashing with soap"), required=False)
    air_minum = forms.BooleanField(label=_("Safe drinking water and food"), required=False)
    sampah = forms.BooleanField(label=_("Household solid waste managed"), required=False)
    limbah_cair = forms.BooleanField(label=_("Household wastewater managed"), required=False)
    recorded_on = forms.DateField(label=_("Recorded on"), widget=DATE)


class VerificationForm(_PemdaForm):
    desa = forms.CharField(label=_("Desa code"), max_length=13)
    dusun = forms.ModelChoiceField(label=_("Dusun"), queryset=Place.objects.none(),
                                   required=False,
                                   help_text=_("Leave empty to verify the whole desa."))
    verified_on = forms.DateField(label=_("Verified on"), widget=DATE)
    passed = forms.BooleanField(label=_("Passed: no open defecation found"), required=False)
    team = forms.CharField(label=_("Verification team"), max_length=200)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class HouseForm(AccessibleForm, forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=HouseStage.choices)
    funds_disbursed = _money(_("Funds disbursed (Rp)"), required=True)
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE, required=False)


class ProgrammeForm(AccessibleForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgrammeKind.choices)
    name = forms.CharField(label=_("Name"), max_length=160)
    slug = forms.SlugField(label=_("Short path"), max_length=60, required=False,
                           help_text=_("Letters, digits and dashes; made from the name when "
                                       "empty."))
    start_year = forms.IntegerField(label=_("Start year"), min_value=1990, max_value=2100)
    description = forms.CharField(label=_("Description"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class HouseRecordForm(AccessibleForm, forms.Form):
    desa = forms.CharField(label=_("Desa code"), max_length=13)
    owner_name = forms.CharField(label=_("Owner"), max_length=120)
    damage = forms.ChoiceField(label=_("Damage class"), choices=Damage.choices)
    funds_allocated = _money(_("Funds allocated (Rp)"), required=True)
