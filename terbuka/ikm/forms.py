"""Forms of the ikm app: they parse; the rules are in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.core.forms import AccessibleForm
from terbuka.ikm.formula import ELEMENTS
from terbuka.ikm.models import ELEMENT_QUESTIONS, Education, Occupation, Sex


class SurveyForm(AccessibleForm, forms.Form):
    """The questionnaire: nine radio questions (4 = best, listed first is worst, as printed in
    the regulation's model form), then the anonymous profile."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, element in enumerate(ELEMENTS, start=1):
            question, answers = ELEMENT_QUESTIONS[element]
            self.fields[element] = forms.TypedChoiceField(
                label=f"{number}. {question}", coerce=int, widget=forms.RadioSelect,
                choices=[(i, f"{i} · {label}") for i, label in enumerate(answers, start=1)],
            )
        self.fields["age"] = forms.IntegerField(label=_("Age"), min_value=10, max_value=120)
        self.fields["sex"] = forms.ChoiceField(label=_("Sex"), choices=Sex.choices,
                                               widget=forms.RadioSelect)
        self.fields["education"] = forms.ChoiceField(
            label=_("Highest education"), choices=[("", "—"), *Education.choices])
        self.fields["occupation"] = forms.ChoiceField(
            label=_("Main occupation"), choices=[("", "—"), *Occupation.choices])
        self.fields["service"] = forms.CharField(
            label=_("Service you received"), required=False, max_length=200)
        self.fields["suggestion"] = forms.CharField(
            label=_("Suggestion"), required=False, max_length=2000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Read by the unit's officials; not published."))
        self.fields["age"].widget.attrs.update({"inputmode": "numeric"})

    def elements(self):
        return [self[e] for e in ELEMENTS]

    def profile(self):
        return [self[name] for name in ("age", "sex", "education", "occupation", "service",
                                        "suggestion")]


class PeriodForm(AccessibleForm, forms.Form):
    unit = forms.TypedChoiceField(label=_("Service unit"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=120,
                           help_text=_("For example “Semester I 2026”."))
    start = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    population = forms.IntegerField(
        label=_("People served"), required=False, min_value=1,
        help_text=_("How many people the unit served in the period; gives the sample size."))

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, f"{u.opd} · {u.name}") for u in units]
