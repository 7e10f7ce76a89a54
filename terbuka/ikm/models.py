"""Tables of the ikm app: survey periods per unit layanan and the questionnaires filled in."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terbuka.core.models import Pemda, UnitLayanan
from terbuka.ikm.formula import ELEMENTS

# Labels of the nine unsur, in the regulation's words (ELEMENTS holds the stable keys).
ELEMENT_LABELS = {
    "persyaratan": _("Requirements (persyaratan)"),
    "prosedur": _("Systems, mechanisms and procedures"),
    "waktu": _("Completion time"),
    "biaya": _("Cost or tariff"),
    "produk": _("Product specification of the service"),
    "kompetensi": _("Competence of the staff"),
    "perilaku": _("Behaviour of the staff"),
    "pengaduan": _("Handling of complaints, suggestions and input"),
    "sarana": _("Facilities and infrastructure"),
}

# The question the questionnaire of PermenPANRB 14/2017 asks for each unsur, and the words of
# its four answers (1 = worst … 4 = best).
ELEMENT_QUESTIONS = {
    "persyaratan": (_("Do the service requirements match the type of service?"),
                    (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable"))),
    "prosedur": (_("How easy is the service procedure at this unit?"),
                 (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy"))),
    "waktu": (_("How fast is the time to complete the service?"),
              (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast"))),
    "biaya": (_("How fair is the cost or tariff of the service?"),
              (_("Very expensive"), _("Quite expensive"), _("Cheap"), _("Free"))),
    "produk": (_("Does the product delivered match what the service standard lists?"),
               (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable"))),
    "kompetensi": (_("How competent are the staff who served you?"),
                   (_("Not competent"), _("Less competent"), _("Competent"),
                    _("Very competent"))),
    "perilaku": (_("How polite and friendly are the staff?"),
                 (_("Not polite"), _("Less polite"), _("Polite"), _("Very polite"))),
    "pengaduan": (_("How well are complaints, suggestions and input handled?"),
                  (_("Not available"), _("Available but not working"),
                   _("Working but not fully"), _("Handled well"))),
    "sarana": (_("How good are the facilities and infrastructure?"),
               (_("Poor"), _("Adequate"), _("Good"), _("Very good"))),
}


class Sex(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Education(models.TextChoices):
    # The questionnaire's education levels.
    SD = "sd", _("Primary school (SD) or below")
    SMP = "smp", _("Junior high school (SMP)")
    SMA = "sma", _("Senior high school (SMA/SMK)")
    D3 = "d3", _("Diploma (D1–D3)")
    S1 = "s1", _("Bachelor (D4/S1)")
    S2 = "s2", _("Master (S2)")
    S3 = "s3", _("Doctorate (S3)")


class Occupation(models.TextChoices):
    PNS = "pns", _("Civil servant (PNS)")
    TNI_POLRI = "tni_polri", _("Armed forces or police (TNI/Polri)")
    SWASTA = "swasta", _("Private employee")
    WIRAUSAHA = "wirausaha", _("Self-employed")
    PELAJAR = "pelajar", _("Pupil or student")
    LAINNYA = "lainnya", _("Other")


class SurveyPeriod(models.Model):
    """A reporting window of one unit layanan's survey (e.g. "Semester I 2026"), with the number
    of people the unit served in it, from which the required sample follows."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(UnitLayanan, on_delete=models.CASCADE, related_name="ikm_periods",
                             verbose_name=_("service unit"))
    name = models.CharField(_("name"), max_length=120)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    population = models.PositiveIntegerField(
        _("people served"), null=True, blank=True,
        help_text=_("How many people the unit served in the period (for the sample size)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_id", "-start"]
        verbose_name = _("survey period")
        verbose_name_plural = _("survey periods")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")),
                                   name="ikm_period_end_after_start"),
            models.UniqueConstraint(fields=["unit", "start"], name="ikm_period_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.name}"


def _answer_field(element: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(ELEMENT_LABELS[element])


class Response(models.Model):
    """One filled-in questionnaire. Anonymous: no name or contact is asked."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(UnitLayanan, on_delete=models.CASCADE, related_name="ikm_responses")
    period = models.ForeignKey(SurveyPeriod, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="responses")
    submitted_on = models.DateField(_("date"), db_index=True)
    persyaratan = _answer_field("persyaratan")
    prosedur = _answer_field("prosedur")
    waktu = _answer_field("waktu")
    biaya = _answer_field("biaya")
    produk = _answer_field("produk")
    kompetensi = _answer_field("kompetensi")
    perilaku = _answer_field("perilaku")
    pengaduan = _answer_field("pengaduan")
    sarana = _answer_field("sarana")
    age = models.PositiveSmallIntegerField(_("age"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    education = models.CharField(_("education"), max_length=10, choices=Education.choices)
    occupation = models.CharField(_("occupation"), max_length=10, choices=Occupation.choices)
    service = models.CharField(_("service received"), max_length=200, blank=True)
    suggestion = models.TextField(_("suggestion"), blank=True)
    # The complaint (or other case) whose closing invited this answer; one answer per case.
    ref = models.CharField(_("reference"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            *[
                models.CheckConstraint(condition=Q(**{f"{e}__gte": 1, f"{e}__lte": 4}),
                                       name=f"ikm_response_{e}_scale")
                for e in ELEMENTS
            ],
            models.CheckConstraint(condition=Q(age__gte=10, age__lte=120),
                                   name="ikm_response_age_range"),
            models.UniqueConstraint(fields=["unit", "ref"], condition=~Q(ref=""),
                                    name="ikm_response_one_per_ref"),
        ]
        indexes = [models.Index(fields=["unit", "submitted_on"], name="ikm_resp_unit_date")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.submitted_on}"
