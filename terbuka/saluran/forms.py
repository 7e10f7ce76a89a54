"""Forms of the saluran app: they parse; the rules are in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.aduan.models import Category, Kind
from terbuka.core.forms import AccessibleForm


class PromoteForm(AccessibleForm, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[
        (k, label) for k, label in Kind.choices if k != Kind.IKM])
    category = forms.ChoiceField(label=_("Category"), required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(label=_("Description"), max_length=10000,
                           widget=forms.Textarea(attrs={"rows": 5}))
    region_code = forms.CharField(label=_("Region code"), max_length=13, required=False,
                                  help_text=_("Kemendagri code of the desa or kecamatan."))

    def __init__(self, *args, pemda=None, **kwargs):
        super().__init__(*args, **kwargs)
        categories = Category.objects.filter(pemda=pemda, is_active=True).order_by("name")
        self.fields["category"].choices = [("", "—"), *[(c.slug, c.name) for c in categories]]


class DismissForm(AccessibleForm, forms.Form):
    note = forms.CharField(label=_("Reason"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class LaporImportForm(AccessibleForm, forms.Form):
    file = forms.FileField(label=_("Batch from SP4N-LAPOR! (JSON or CSV)"))
