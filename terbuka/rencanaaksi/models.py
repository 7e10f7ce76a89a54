"""Tables of the rencanaaksi app: OGP Local action plans, how they were made, what they
promise, how delivery goes and what the public and the monitoring body said about them.

Tenancy: an ActionPlan belongs to its coordinating pemda (`pemda`); a consortium plan lists
every member pemda in PlanMember (the coordinator too). Each Commitment belongs to the member
pemda that delivers it (`pemda`), so the member's secretariat manages it and its pages sit
under that member's slug. See docs/rencanaaksi.md.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import Opd, Pemda


class OgpValue(models.TextChoices):
    ACCESS_TO_INFORMATION = "access_to_information", _("Access to information")
    CIVIC_PARTICIPATION = "civic_participation", _("Civic participation")
    PUBLIC_ACCOUNTABILITY = "public_accountability", _("Public accountability")
    TECHNOLOGY = "technology_innovation", _(
        "Technology and innovation for transparency and accountability")


class PlanStatus(models.TextChoices):
    DRAFTING = "drafting", _("Being drafted")
    CONSULTATION = "consultation", _("In public consultation")
    ADOPTED = "adopted", _("Adopted")
    SUBMITTED = "submitted", _("Submitted to OGP")


class Step(models.TextChoices):
    ORIENTATION = "orientation", _("Orientation")
    SECRETARIAT = "secretariat", _("Secretariat at Bappeda")
    WORKING_TEAM = "working_team", _("Working team")
    DRAFT_WORKSHOP = "draft_workshop", _("Draft workshop")
    PLAN_WORKSHOP = "plan_workshop", _("Action plan workshop")
    CONSULTATION = "consultation", _("Public consultation (uji publik)")
    ADOPTION = "adoption", _("Adoption")
    SUBMISSION = "submission", _("Submission to OGP")


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia")
    PRIVATE = "private", _("Private sector")
    MEDIA = "media", _("Media")


class Organisation(models.Model):
    """A partner of the plan with a public profile: civil-society organisations above all."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="ogp_organisations")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices,
                              default=Sector.CIVIL_SOCIETY)
    description = models.TextField(_("profile"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "slug"], name="ra_org_unique_slug"),
        ]

    def __str__(self):
        return self.name


class ActionPlan(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="ogp_plans",
                              help_text=_("The coordinating pemda."))
    slug = models.SlugField(_("short name in addresses"), max_length=80)
    title = models.CharField(_("title"), max_length=250)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    vision = models.TextField(_("vision"), blank=True)
    ogp_values = models.JSONField(_("OGP values"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices,
                              default=PlanStatus.DRAFTING)
    draft_text = models.TextField(
        _("draft for consultation"), blank=True,
        help_text=_("Paragraphs separated by a blank line; the public comments on each."),
    )
    consultation_opened_at = models.DateTimeField(null=True, blank=True)
    consultation_closed_at = models.DateTimeField(null=True, blank=True)
    adopted_at = models.DateField(null=True, blank=True)
    submitted_at = models.DateField(null=True, blank=True)
    illustrative_note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "title"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "slug"], name="ra_plan_unique_slug"),
            models.CheckConstraint(condition=models.Q(period_end__gt=models.F("period_start")),
                                   name="ra_plan_period_order"),
        ]

    def __str__(self):
        return self.title


class PlanMember(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="members")
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="ogp_memberships")
    joined = models.CharField(_("joined OGP Local"), max_length=100, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "pemda"], name="ra_member_unique"),
        ]

    def __str__(self):
        return f"{self.plan} · {self.pemda}"


class CoCreationStep(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    order = models.PositiveSmallIntegerField()
    held_on = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "step"], name="ra_step_unique"),
        ]

    def __str__(self):
        return f"{self.plan} · {self.get_step_display()}"

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None


class StepDocument(models.Model):
    step = models.ForeignKey(CoCreationStep, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"))

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.title


class Participation(models.Model):
    """Who took part in a step, as counts per organisation and sex (no names: it is published)."""

    step = models.ForeignKey(CoCreationStep, on_delete=models.CASCADE,
                             related_name="participations")
    organisation = models.CharField(_("organisation"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)

    class Meta:
        ordering = ["sector", "organisation"]
        constraints = [
            models.UniqueConstraint(fields=["step", "organisation"], name="ra_part_unique"),
        ]

    def __str__(self):
        return self.organisation


class GroupKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    WORKING_TEAM = "working_team", _("Working team")
    MONITORING = "monitoring", _("Monitoring body")


class GroupMember(models.Model):
    """A seat in the secretariat, the working team or the monitoring body of a plan."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="group_members")
    group = models.CharField(_("group"), max_length=20, choices=GroupKind.choices)
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role in the group"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["group", "pk"]

    def __str__(self):
        return f"{self.name} ({self.role})"


class Commitment(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="commitments")
    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="ogp_commitments",
                              help_text=_("The member pemda that delivers the commitment."))
    number = models.PositiveSmallIntegerField(_("number"))
    ogp_id = models.CharField(_("OGP ID"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    lead_opd = models.ForeignKey(Opd, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("lead agency (OPD)"))
    lead_agency = models.CharField(_("lead agency"), max_length=250, blank=True)
    other_government = models.TextField(_("other government actors"), blank=True)
    civil_society = models.TextField(_("civil-society and other actors"), blank=True)
    problem = models.TextField(_("problem addressed"), blank=True)
    baseline = models.TextField(_("status quo (baseline)"), blank=True)
    description = models.TextField(_("what the commitment does"), blank=True)
    contribution = models.TextField(_("how it contributes to solving the problem"), blank=True)
    ogp_values = models.JSONField(_("OGP values"), default=list, blank=True)
    rpjmd = models.TextField(_("link to the RPJMD"), blank=True)
    sdgs = models.JSONField(_("SDGs"), default=list, blank=True)
    budget = models.DecimalField(_("budget (Rp)"), max_digits=16, decimal_places=0, null=True,
                                 blank=True)
    budget_source = models.CharField(_("budget source"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="ra_commitment_number"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")),
                                   name="ra_commitment_dates"),
        ]

    def __str__(self):
        return self.title

    @property
    def lead_name(self) -> str:
        return self.lead_agency or (self.lead_opd.name if self.lead_opd_id else "")


class Milestone(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE,
                                   related_name="milestones")
    order = models.PositiveSmallIntegerField()
    title = models.CharField(_("milestone"), max_length=300)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    owner = models.CharField(_("responsible"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    evidence_expected = models.CharField(_("expected evidence"), max_length=300, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    illustrative = models.BooleanField(
        default=False, help_text=_("Written for the demo: not from the published plan."))

    class Meta:
        ordering = ["commitment", "order"]
        constraints = [
            models.CheckConstraint(condition=models.Q(weight__gte=1, weight__lte=100),
                                   name="ra_milestone_weight"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")),
                                   name="ra_milestone_dates"),
        ]

    def __str__(self):
        return self.title


class Completion(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")


class ProgressReport(models.Model):
    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE,
                                   related_name="reports")
    period_end = models.DateField(_("period ending"))
    status = models.CharField(_("progress"), max_length=20, choices=Completion.choices)
    narrative = models.TextField(_("what was done"))
    links = models.JSONField(_("links"), default=list, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["commitment", "-period_end"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "period_end"],
                                    name="ra_report_period"),
        ]

    def __str__(self):
        return f"{self.commitment} · {self.period_end}"


def evidence_path(instance, filename):
    return f"rencanaaksi/evidence/{instance.report.commitment_id}/{filename}"


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE,
                               related_name="evidence")
    file = models.FileField(upload_to=evidence_path)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class Stance(models.TextChoices):
    SUPPORT = "support", _("Support")
    OPPOSE = "oppose", _("Oppose")
    NEUTRAL = "neutral", _("Question or suggestion")


class Comment(models.Model):
    """A public comment in the uji publik, anchored to a paragraph of the draft or a
    commitment."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="comments")
    commitment = models.ForeignKey(Commitment, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="comments")
    anchor = models.CharField(_("paragraph"), max_length=40)
    quote = models.TextField(blank=True)
    author_name = models.CharField(_("your name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    stance = models.CharField(_("position"), max_length=10, choices=Stance.choices)
    body = models.TextField(_("comment"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "created_at", "pk"]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"


class Verdict(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY = "partly", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class Response(models.Model):
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="response")
    verdict = models.CharField(_("decision"), max_length=20, choices=Verdict.choices)
    reason = models.TextField(_("reason"))
    responder = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=~models.Q(reason=""), name="ra_response_reason"),
        ]

    def __str__(self):
        return self.get_verdict_display()


class IndicatorLink(models.Model):
    """A live figure from another module shown on a commitment (core.indicators key)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE,
                                   related_name="indicator_links")
    key = models.CharField(_("indicator"), max_length=100)
    target = models.FloatField(_("target"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "key"], name="ra_indicator_unique"),
        ]

    def __str__(self):
        return self.key


class Assessor(models.TextChoices):
    GOVERNMENT = "government", _("Government (self-assessment)")
    MONITOR = "monitor", _("Monitoring body")


class Potential(models.TextChoices):
    UNCLEAR = "unclear", _("Unclear")
    MODEST = "modest", _("Modest")
    SUBSTANTIAL = "substantial", _("Substantial")


class OpenedGovernment(models.TextChoices):
    WORSENED = "worsened", _("Worsened")
    DID_NOT_CHANGE = "did_not_change", _("Did not change")
    MARGINAL = "marginal", _("Marginal")
    MAJOR = "major", _("Major")
    OUTSTANDING = "outstanding", _("Outstanding")


class Assessment(models.Model):
    """An assessment of a commitment on the IRM scales, one per assessor side."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE,
                                   related_name="assessments")
    assessor = models.CharField(_("assessed by"), max_length=20, choices=Assessor.choices)
    body_name = models.CharField(_("assessing body"), max_length=200)
    verifiable = models.BooleanField(_("verifiable"))
    potential = models.CharField(_("potential for results"), max_length=20,
                                 choices=Potential.choices)
    completion = models.CharField(_("completion"), max_length=20, choices=Completion.choices)
    opened_government = models.CharField(_("did it open government?"), max_length=20,
                                         choices=OpenedGovernment.choices, blank=True)
    reasoning = models.TextField(_("reasoning"))
    assessed_on = models.DateField(_("assessed on"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["commitment", "assessor"]
        constraints = [
            models.UniqueConstraint(fields=["commitment", "assessor"], name="ra_assessment_side"),
        ]

    def __str__(self):
        return f"{self.commitment} · {self.get_assessor_display()}"
