"""Forms only check the shape of input; the rules live in services (which raise ValidationError
that `apply_service_errors` puts back beside the field it names)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import Opd, OpdKind


class AccessibleForm:
    """Mixin: ties each field to its help text and error message for screen readers."""

    def full_clean(self):
        super().full_clean()
        self.describe_fields()

    def describe_fields(self):
        errors = getattr(self, "_errors", None) or {}
        for name, field in self.fields.items():
            auto_id = self[name].auto_id
            if not auto_id:
                continue
            ids = []
            if field.help_text:
                ids.append(f"{auto_id}_helptext")
            if name in errors:
                ids.append(f"{auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)
            else:
                field.widget.attrs.pop("aria-describedby", None)


def apply_service_errors(form: forms.Form, exc: ValidationError, aliases: dict | None = None):
    """Show a service's ValidationError on the form: beside the field it names when the form
    has that field, at the top otherwise."""
    aliases = aliases or {}
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            name = aliases.get(key, key)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
    if isinstance(form, AccessibleForm):
        form.describe_fields()


class OpdForm(AccessibleForm, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    acronym = forms.CharField(
        label=_("Acronym"),
        max_length=40,
        required=False,
        help_text=_("Short name such as BAPPEDA; unique within the regional government."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=OpdKind.choices)
    urusan = forms.CharField(
        label=_("Government affairs (urusan)"),
        max_length=200,
        required=False,
        help_text=_("The urusan pemerintahan this OPD carries out, as in the SOTK regulation."),
    )
    parent = forms.ModelChoiceField(
        label=_("Parent OPD"),
        queryset=Opd.objects.none(),
        required=False,
        empty_label=_("(none)"),
    )
    region_code = forms.CharField(
        label=_("Region served (region code)"),
        max_length=13,
        required=False,
        help_text=_("Only for OPD that serve one area, for example 52.07.01 for a kecamatan."),
    )

    def __init__(self, *args, pemda, instance: Opd | None = None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": instance.name,
                "acronym": instance.acronym,
                "kind": instance.kind,
                "urusan": instance.urusan,
                "parent": instance.parent_id,
                "region_code": instance.region_id or "",
            }
        super().__init__(*args, **kwargs)
        parents = Opd.objects.filter(pemda=pemda, is_active=True)
        if instance is not None:
            parents = parents.exclude(pk=instance.pk)
        self.fields["parent"].queryset = parents
        self.describe_fields()

    def clean_region_code(self):
        return self.cleaned_data["region_code"].strip() or None


class AuditFilterForm(AccessibleForm, forms.Form):
    actor = forms.CharField(
        label=_("Who (username)"),
        max_length=150,
        required=False,
    )
    action = forms.CharField(
        label=_("Action"),
        max_length=80,
        required=False,
        help_text=_("For example core.opd.update, or core.opd for every OPD action."),
    )
    object_type = forms.CharField(
        label=_("Object type"),
        max_length=80,
        required=False,
        help_text=_("For example core.opd"),
    )
    since = forms.DateField(
        label=_("From date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=_("To date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reads_only = forms.BooleanField(label=_("Reads of personal data only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.describe_fields()

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error(
                "until",
                _("The end date %(until)s is before the start date %(since)s.")
                % {"until": until.isoformat(), "since": since.isoformat()},
            )
        return data

    @staticmethod
    def day_start(day: dt.date | None) -> dt.datetime | None:
        if day is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    @staticmethod
    def day_end(day: dt.date | None) -> dt.datetime | None:
        if day is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, dt.time.max))
