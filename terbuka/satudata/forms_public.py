"""Forms of the public pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.core.forms import AccessibleForm


class DataRequestForm(AccessibleForm, forms.Form):
    title = forms.CharField(label=_("Which data do you need?"), max_length=300)
    description = forms.CharField(label=_("What is it for?"), max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    opd = forms.TypedChoiceField(label=_("OPD that may hold it"), required=False, coerce=int,
                                 empty_value=None)
    requester_name = forms.CharField(label=_("Your name"), max_length=160)
    requester_email = forms.EmailField(
        label=_("Your e-mail"), help_text=_("Only for the answer; it is not published."))

    def __init__(self, *args, opds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].choices = [("", _("I do not know"))] + [(o.pk, o.name) for o in opds]
