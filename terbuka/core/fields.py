"""Fields that hold a region code, validated against the Kemendagri list.

- `RegionField`: a ForeignKey to Region for models. Model validation (full_clean, ModelForm,
  admin) names the offending code and checks its level; its form field is a code text box,
  not a 91,599-option select.
- `RegionCodeFormField`: the form field on its own (returns the Region); set `.within` to a
  pemda's region to refuse codes elsewhere.
- `RegionCodeValidator`: for a plain CharField that stores a code (e.g. in a module's rows).

Services still call `regions.validate_region_code` themselves: model validation does not run
on `objects.create`, and "inside this pemda" depends on more than the field.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def _validate(code, *, levels=None, within=None):
    # Imported late: regions imports models, and models import this module.
    from terbuka.core.regions import validate_region_code

    return validate_region_code(code, level=levels or None, within=within)


@deconstructible
class RegionCodeValidator:
    def __init__(self, levels: Iterable[int] | None = None):
        self.levels = tuple(int(x) for x in levels) if levels else ()

    def __call__(self, value) -> None:
        if value in (None, ""):
            return
        _validate(value, levels=self.levels)

    def __eq__(self, other) -> bool:
        return isinstance(other, RegionCodeValidator) and other.levels == self.levels


class RegionCodeFormField(forms.CharField):
    default_error_messages = {"required": _("A region code is required.")}

    def __init__(self, *, levels: Iterable[int] | None = None, within=None, **kwargs):
        kwargs.setdefault("max_length", 13)
        kwargs.setdefault("help_text", _("Kemendagri code, for example 52.07.01.2001."))
        kwargs.pop("queryset", None)
        kwargs.pop("to_field_name", None)
        kwargs.pop("limit_choices_to", None)
        kwargs.pop("blank", None)
        super().__init__(**kwargs)
        self.levels = tuple(int(x) for x in levels) if levels else ()
        self.within = within

    def prepare_value(self, value):
        return getattr(value, "code", value)

    def to_python(self, value):
        value = super().to_python(value)
        return value.strip() if isinstance(value, str) else value

    def clean(self, value):
        code = self.to_python(value)
        self.validate(code)
        if code in self.empty_values:
            return None
        return _validate(code, levels=self.levels, within=self.within)

    def has_changed(self, initial, data) -> bool:
        return (self.prepare_value(initial) or "") != (self.to_python(data) or "")


class _RegionRelation:
    """Shared by RegionField and RegionOneToOneField."""

    def __init__(self, *args, levels: Iterable[int] | None = None, **kwargs):
        kwargs.setdefault("to", "core.Region")
        kwargs.setdefault("on_delete", models.PROTECT)
        self.levels = tuple(int(x) for x in levels) if levels else ()
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.levels:
            kwargs["levels"] = list(self.levels)
        return name, path, args, kwargs

    def validate(self, value, model_instance) -> None:
        # Replaces ForeignKey's generic "instance with code X does not exist".
        if value in (None, ""):
            if not self.null:
                super().validate(value, model_instance)
            return
        _validate(value, levels=self.levels)

    def formfield(self, **kwargs):
        # Whatever select widget or queryset a caller (e.g. the admin) suggests, a code box it is.
        return RegionCodeFormField(
            levels=self.levels, required=not self.blank, label=capfirst(self.verbose_name),
            help_text=self.help_text or _("Kemendagri code, for example 52.07.01.2001."),
        )


class RegionField(_RegionRelation, models.ForeignKey):
    """A foreign key to core.Region, optionally restricted to some levels."""


class RegionOneToOneField(_RegionRelation, models.OneToOneField):
    """A one-to-one link to core.Region (a pemda's own region), optionally level-restricted."""
