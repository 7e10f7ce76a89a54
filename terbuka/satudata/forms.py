"""Forms of the Satu Data pages. They only parse; services validate against data."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.core.forms import AccessibleForm
from terbuka.satudata.models import Frekuensi, HakAkses, JenisData, JenisPublisher, License


def _licence_choices():
    return [("", "—")] + list(License.objects.values_list("id", "title"))


class DatasetForm(AccessibleForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    name = forms.SlugField(label=_("Name in the address"), max_length=100,
                           help_text=_("Lower-case letters, digits and hyphens, e.g. "
                                       "jumlah-penduduk-2024."))
    notes = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}),
                            required=False)
    owner_org = forms.ChoiceField(label=_("Data producer (OPD)"), required=False)
    license_id = forms.ChoiceField(label=_("Licence"), required=False)
    tags = forms.CharField(label=_("Tags"), required=False, max_length=1000,
                           help_text=_("Separated by commas."))
    tema = forms.CharField(label=_("Theme / urusan"), max_length=100, required=False)
    jenis = forms.ChoiceField(label=_("Kind of data"), choices=JenisData.choices)
    satuan = forms.CharField(label=_("Unit"), max_length=100, required=False)
    ukuran = forms.CharField(label=_("Measure"), max_length=200, required=False)
    frekuensi = forms.ChoiceField(label=_("Update frequency"), choices=Frekuensi.choices)
    hak_akses = forms.ChoiceField(label=_("Access"), choices=HakAkses.choices,
                                  help_text=_("Only open data is shown to the public."))
    jenis_publisher = forms.ChoiceField(label=_("Publisher level"),
                                        choices=JenisPublisher.choices)
    kode_daftar_data = forms.CharField(label=_("Data list code"), max_length=60, required=False)
    tahun_prioritas = forms.IntegerField(label=_("Priority year"), required=False,
                                         min_value=2000, max_value=2100)
    periode_awal = forms.DateField(label=_("Period from"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))
    periode_akhir = forms.DateField(label=_("Period to"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    cakupan_wilayah = forms.CharField(label=_("Area covered (region codes)"), required=False,
                                      max_length=2000, help_text=_("Separated by commas."))

    def __init__(self, *args, opd_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_org"].choices = [("", "—"), *opd_choices]
        self.fields["license_id"].choices = _licence_choices()

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["tags"] = [t.strip() for t in data["tags"].split(",") if t.strip()]
        data["cakupan_wilayah"] = [c.strip() for c in data["cakupan_wilayah"].split(",")
                                   if c.strip()]
        data["owner_org"] = data["owner_org"] or None
        return data


class ResourceForm(AccessibleForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    url = forms.URLField(label=_("Link"), required=False, max_length=1000, assume_scheme="https")
    upload = forms.FileField(label=_("or a file"), required=False)
    format = forms.CharField(label=_("Format"), max_length=40, required=False,
                             help_text=_("Taken from the file name when left empty."))


class TransitionForm(AccessibleForm, forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    standar_data = forms.BooleanField(label=_("Meets the data standard"), required=False)
    metadata = forms.BooleanField(label=_("Carries complete metadata"), required=False)
    interoperabilitas = forms.BooleanField(label=_("Interoperable (open format, machine "
                                                   "readable)"), required=False)
    kode_referensi = forms.BooleanField(label=_("Uses Kode Referensi and Data Induk"),
                                        required=False)


class CommentForm(AccessibleForm, forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))
