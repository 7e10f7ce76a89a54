"""Forms only parse; the services validate against data and decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from terbuka.rencanaaksi.models import (
    Completion,
    GroupKind,
    OgpValue,
    OpenedGovernment,
    Potential,
    Sector,
    Stance,
    Verdict,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    period_start = forms.DateField(label=_("Period starts"), widget=DATE)
    period_end = forms.DateField(label=_("Period ends"), widget=DATE)
    vision = forms.CharField(label=_("Vision"), widget=forms.Textarea(attrs={"rows": 3}),
                             required=False)
    ogp_values = forms.MultipleChoiceField(label=_("OGP values"), choices=OgpValue.choices,
                                           widget=forms.CheckboxSelectMultiple, required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("Other members (consortium)"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A consortium may hold up to 12 commitments; a single member up to 5."))

    def __init__(self, *args, pemda_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = pemda_choices


class StepForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 5}),
                              required=False)
    documents = forms.CharField(
        label=_("Documents"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
        help_text=_("One per line: title | https://link"))
    complete = forms.BooleanField(label=_("Mark this step as done"), required=False,
                                  initial=True)

    def clean_documents(self):
        rows = []
        for line in self.cleaned_data["documents"].splitlines():
            if not line.strip():
                continue
            title, _sep, url = line.partition("|")
            rows.append({"title": title.strip(), "url": url.strip()})
        return rows


class ParticipantForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices, required=False)
    women = forms.IntegerField(label=_("Women"), min_value=0, required=False)
    men = forms.IntegerField(label=_("Men"), min_value=0, required=False)


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=4)


class ConsultationForm(forms.Form):
    draft_text = forms.CharField(
        label=_("Draft action plan"), widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Separate paragraphs with a blank line; people comment on each paragraph "
                    "and on each commitment."))


class CommentForm(forms.Form):
    anchor = forms.ChoiceField(label=_("About"))
    stance = forms.ChoiceField(label=_("Your position"), choices=Stance.choices)
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}),
                           max_length=5000)
    author_name = forms.CharField(label=_("Your name (published)"), max_length=120)
    organisation = forms.CharField(label=_("Organisation (optional, published)"),
                                   max_length=200, required=False)

    def __init__(self, *args, anchors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anchor"].choices = anchors


class ResponseForm(forms.Form):
    verdict = forms.ChoiceField(label=_("Decision"), choices=Verdict.choices)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}),
                             required=False)


class CommitmentForm(forms.Form):
    pemda = forms.ModelChoiceField(label=_("Delivered by"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=300)
    ogp_id = forms.CharField(label=_("OGP ID"), max_length=20, required=False)
    lead_opd = forms.ModelChoiceField(label=_("Lead agency (OPD)"), queryset=None,
                                      required=False)
    lead_agency = forms.CharField(label=_("Lead agency as published"), max_length=250,
                                  required=False)
    other_government = forms.CharField(label=_("Other government actors"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    civil_society = forms.CharField(label=_("Civil-society and other actors"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    problem = forms.CharField(label=_("Problem addressed"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    baseline = forms.CharField(label=_("Status quo (baseline)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(label=_("What the commitment does"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    contribution = forms.CharField(label=_("How it contributes to solving the problem"),
                                   required=False, widget=forms.Textarea(attrs={"rows": 3}))
    ogp_values = forms.MultipleChoiceField(label=_("OGP values"), choices=OgpValue.choices,
                                           widget=forms.CheckboxSelectMultiple, required=False)
    rpjmd = forms.CharField(label=_("Link to the RPJMD"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))
    sdgs = forms.CharField(label=_("SDGs"), required=False,
                           help_text=_("Goal numbers separated by commas, e.g. 5, 16"))
    budget = forms.DecimalField(label=_("Budget (Rp)"), required=False, min_value=0,
                                decimal_places=0)
    budget_source = forms.CharField(label=_("Budget source"), max_length=200, required=False)
    start = forms.DateField(label=_("Start"), widget=DATE)
    end = forms.DateField(label=_("End"), widget=DATE)

    def __init__(self, *args, members=None, opds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pemda"].queryset = members
        self.fields["lead_opd"].queryset = opds

    def clean_sdgs(self):
        raw = self.cleaned_data["sdgs"]
        return [part.strip() for part in raw.split(",") if part.strip()]


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=300, required=False)
    owner = forms.CharField(label=_("Responsible"), max_length=200, required=False)
    start = forms.DateField(label=_("Start"), widget=DATE, required=False)
    end = forms.DateField(label=_("End"), widget=DATE, required=False)
    weight = forms.IntegerField(label=_("Weight (%)"), required=False)
    evidence_expected = forms.CharField(label=_("Expected evidence"), max_length=300,
                                        required=False)


MilestoneFormSet = forms.formset_factory(MilestoneForm, extra=0)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class ReportForm(forms.Form):
    period_end = forms.DateField(label=_("Period ending"), widget=DATE)
    status = forms.ChoiceField(label=_("Progress"), choices=Completion.choices)
    narrative = forms.CharField(label=_("What was done"),
                                widget=forms.Textarea(attrs={"rows": 4}))
    completed_milestones = forms.MultipleChoiceField(
        label=_("Milestones completed in this period"), required=False,
        widget=forms.CheckboxSelectMultiple)
    links = forms.CharField(label=_("Links"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("One web address per line."))
    files = MultipleFileField(
        label=_("Evidence files"), required=False,
        help_text=_("PDF, JPEG, PNG, DOCX, XLSX, ODT or ODS; at most 10 MB each."))

    def __init__(self, *args, milestones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed_milestones"].choices = milestones

    def clean_links(self):
        return [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]


class AssessmentForm(forms.Form):
    body_name = forms.CharField(label=_("Assessing body"), max_length=200)
    verifiable = forms.TypedChoiceField(
        label=_("Verifiable"), choices=((1, _("Yes")), (0, _("No"))), coerce=lambda v: v == "1")
    potential = forms.ChoiceField(label=_("Potential for results"), choices=Potential.choices)
    completion = forms.ChoiceField(label=_("Completion"), choices=Completion.choices)
    opened_government = forms.ChoiceField(
        label=_("Did it open government?"), required=False,
        choices=[("", _("Not yet assessed"))] + list(OpenedGovernment.choices))
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 4}))
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE, required=False)


class IndicatorForm(forms.Form):
    key = forms.ChoiceField(label=_("Indicator"))
    target = forms.FloatField(label=_("Target"), required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = choices


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    description = forms.CharField(label=_("Profile"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


class GroupMemberForm(forms.Form):
    group = forms.ChoiceField(label=_("Group"), choices=GroupKind.choices)
    name = forms.CharField(label=_("Name"), max_length=150)
    role = forms.CharField(label=_("Role in the group"), max_length=100)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
