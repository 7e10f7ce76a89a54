"""Forms of the aduan pages. They only check the shape of input; services hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.core.forms import AccessibleForm
from terbuka.core.models import Region, RegionLevel

from .models import Category, ForumLevel, Kind, Status

PUBLIC_KINDS = [(k.value, k.label) for k in Kind if k != Kind.IKM]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={
            "accept": "image/jpeg,image/png,image/webp,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


def desa_choices(pemda) -> list:
    """Desa grouped by kecamatan (and kabupaten for a provinsi), for a select without JS."""
    region = pemda.region
    column = "provinsi_code" if region.level == RegionLevel.PROVINSI else "kabupaten_code"
    rows = Region.objects.filter(**{column: region.code}).filter(
        level__in=(RegionLevel.KABUPATEN_KOTA, RegionLevel.KECAMATAN,
                   RegionLevel.DESA_KELURAHAN)).order_by("code").values_list(
        "code", "name", "level")
    names = {}
    groups: dict[str, list] = {}
    for code, name, level in rows:
        names[code] = name
        if level == RegionLevel.DESA_KELURAHAN:
            kecamatan = code.rsplit(".", 1)[0]
            groups.setdefault(kecamatan, []).append((code, name))
    choices: list = [("", _("(not given)"))]
    for kecamatan, desa in groups.items():
        label = names.get(kecamatan, kecamatan)
        if region.level == RegionLevel.PROVINSI:
            label = f"{names.get(kecamatan[:5], '')} · {label}"
        choices.append((str(label), desa))
    return choices


class SubmitForm(AccessibleForm, forms.Form):
    kind = forms.ChoiceField(label=_("What do you want to report?"), choices=PUBLIC_KINDS,
                             widget=forms.RadioSelect, initial=Kind.LAYANAN)
    category = forms.ChoiceField(label=_("Topic"), required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("A short summary; left empty, the first line is used."))
    body = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 6}),
                           help_text=_("Where, when, who is affected. Do not write your NIK."))
    region_code = forms.ChoiceField(label=_("Desa/kelurahan"), required=False)
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)
    attachments = MultipleFileField(label=_("Photos or documents"), required=False,
                                    help_text=_("Up to 5 files: JPEG, PNG, WebP or PDF, 5 MB "
                                                "each. Location data in photos is removed."))
    reporter_name = forms.CharField(label=_("Your name"), max_length=120, required=False)
    reporter_contact = forms.CharField(
        label=_("E-mail or phone number"), max_length=160, required=False,
        help_text=_("To tell you when the status changes. Never shown publicly."))
    anonymous = forms.BooleanField(
        label=_("Anonymous: my identity is never shown to officials or the public"),
        required=False)
    confidential = forms.BooleanField(
        label=_("Confidential: this report is never shown publicly"), required=False)

    def __init__(self, *args, pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("(choose a topic)"))] + [
            (c.slug, c.name) for c in Category.objects.filter(pemda=pemda, is_active=True)]
        self.fields["region_code"].choices = desa_choices(pemda)
        self.fields["body"].widget.attrs["maxlength"] = "10000"


class TrackForm(AccessibleForm, forms.Form):
    nomor = forms.CharField(label=_("Tracking number"), max_length=30,
                            widget=forms.TextInput(attrs={"autocapitalize": "characters",
                                                          "placeholder": "NTB-2611-7Q4K"}))


class ReporterReplyForm(AccessibleForm, forms.Form):
    decision = forms.ChoiceField(
        label=_("Your response"), widget=forms.RadioSelect,
        choices=[("confirm", _("The answer solves it: close my report")),
                 ("reopen", _("Not solved: send it back to the OPD"))])
    text = forms.CharField(label=_("Comment"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"), required=False, coerce=int,
        empty_value=None, widget=forms.RadioSelect,
        choices=[(str(n), str(n)) for n in range(1, 6)])


class RateForm(AccessibleForm, forms.Form):
    rating = forms.TypedChoiceField(label=_("Rating"), coerce=int, widget=forms.RadioSelect,
                                    choices=[(str(n), str(n)) for n in range(1, 6)])
    comment = forms.CharField(label=_("Comment"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))


class VerifyForm(AccessibleForm, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[
        (Status.TERVERIFIKASI, _("Verified")), (Status.TUNDA, _("On hold (needs information)")),
        (Status.BUKAN_WEWENANG, _("Not our authority")), (Status.ARSIP, _("Archive")),
    ])
    reason = forms.CharField(label=_("Reason the reporter sees"), required=False,
                             max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    redirect_to = forms.CharField(label=_("Body with authority"), required=False,
                                  max_length=200)
    category = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("(unchanged)"))] + [
            (c.slug, c.name) for c in Category.objects.filter(pemda=pemda, is_active=True)]


class DisposeForm(AccessibleForm, forms.Form):
    opds = forms.ModelMultipleChoiceField(label=_("OPD"), queryset=None,
                                          widget=forms.CheckboxSelectMultiple)
    instruction = forms.CharField(label=_("Instruction"), required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, pemda, **kwargs):
        super().__init__(*args, **kwargs)
        from terbuka.core.models import Opd

        self.fields["opds"].queryset = Opd.objects.filter(pemda=pemda, is_active=True)


class RespondForm(AccessibleForm, forms.Form):
    text = forms.CharField(label=_("Answer"), max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 4}))
    public = forms.BooleanField(label=_("Public answer (unticked: internal note)"),
                                required=False, initial=True)
    attachments = MultipleFileField(label=_("Evidence (photos, documents)"), required=False)


class RevealForm(AccessibleForm, forms.Form):
    reason = forms.CharField(label=_("Why do you need the identity?"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ForumSessionForm(AccessibleForm, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    level = forms.ChoiceField(label=_("Level"), choices=ForumLevel.choices)
    region_code = forms.CharField(label=_("Kecamatan/desa code"), max_length=13)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    officials = forms.CharField(label=_("Officials present"), required=False, max_length=2000,
                                widget=forms.Textarea(attrs={"rows": 2}))
    attendance_men = forms.IntegerField(label=_("Men"), min_value=0, initial=0)
    attendance_women = forms.IntegerField(label=_("Women"), min_value=0, initial=0)
    attendance_disability = forms.IntegerField(label=_("People with disabilities"),
                                               min_value=0, initial=0)
    attendance_elderly = forms.IntegerField(label=_("Elderly"), min_value=0, initial=0)
    attendance_youth = forms.IntegerField(label=_("Youth"), min_value=0, initial=0)
    notes = forms.CharField(label=_("Notes"), required=False, max_length=10000,
                            widget=forms.Textarea(attrs={"rows": 4}))
    photos = MultipleFileField(label=_("Photos"), required=False)


class ForumComplaintForm(AccessibleForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PUBLIC_KINDS)
    category = forms.ChoiceField(label=_("Topic"), required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(label=_("What was raised"), widget=forms.Textarea(attrs={"rows": 4}))
    reporter_name = forms.CharField(label=_("Raised by"), max_length=120, required=False)
    region_code = forms.ChoiceField(label=_("Desa/kelurahan"), required=False)

    def __init__(self, *args, pemda, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("(choose a topic)"))] + [
            (c.slug, c.name) for c in Category.objects.filter(pemda=pemda, is_active=True)]
        self.fields["region_code"].choices = desa_choices(pemda)
