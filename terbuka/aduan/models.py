"""Tables of the aduan app: complaints, their categories, routing, timeline, attachments,
sealed identities, YASINAN forum sessions and the e-mail outbox.

Two flags chosen by the reporter are kept by the database, not by an operator's memory:
- `anonymous` (anonim): the reporter's identity is never stored in plain columns; it lives
  only encrypted in `SealedIdentity`.
- `confidential` (rahasia): the report is never public (`is_public` must be false). Reports of
  wrongdoing (kind `pelanggaran`) are never public either, whatever the flags say.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terbuka.core.fields import RegionField
from terbuka.core.models import Opd, Pemda, Referral


class Kind(models.TextChoices):
    LAYANAN = "layanan", _("Public service complaint")
    PELANGGARAN = "pelanggaran", _("Report of wrongdoing (dugaan pelanggaran)")
    ASPIRASI = "aspirasi", _("Aspiration")
    INFORMASI = "informasi", _("Strategic information")
    IKM = "ikm", _("Satisfaction poll (IKM)")


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    API = "api", _("API")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("E-mail")
    TELEPON = "telepon", _("Telephone")
    OPEN311 = "open311", _("Open311")
    LAPOR = "lapor", _("SP4N-LAPOR!")
    YASINAN = "yasinan", _("YASINAN forum")
    LANGSUNG = "langsung", _("In person")
    RUJUKAN = "rujukan", _("Referral from another service")


class Status(models.TextChoices):
    """Workflow states, close to SP4N-LAPOR!. The labels are what the public sees."""

    DITERIMA = "diterima", _("Received")
    TERVERIFIKASI = "terverifikasi", _("Verified")
    TUNDA = "tunda", _("On hold")
    BUKAN_WEWENANG = "bukan_wewenang", _("Not our authority")
    ARSIP = "arsip", _("Archived")
    DISPOSISI = "disposisi", _("Sent to the OPD")
    TINDAK_LANJUT = "tindak_lanjut", _("Answered, awaiting the reporter")
    SELESAI = "selesai", _("Completed")


CLOSED_STATUSES = (Status.BUKAN_WEWENANG, Status.ARSIP, Status.SELESAI)


def public_status_label(status: str) -> str:
    """The label the public (tracking page, channels) shows for a status."""
    try:
        return str(Status(status).label)
    except ValueError:
        return str(status)


class Category(models.Model):
    """A complaint category of one pemda (kesehatan, pendidikan, infrastruktur …)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="aduan_categories")
    slug = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    default_opd = models.ForeignKey(
        Opd, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("default OPD"),
    )
    followup_days = models.PositiveSmallIntegerField(
        _("follow-up limit (working days)"), null=True, blank=True,
        help_text=_("Empty: the pemda's default."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["pemda_id", "name"]
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "slug"], name="aduan_category_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class RoutingRule(models.Model):
    """Disposition rule: complaints of `category` in `region` (or below; empty = anywhere)
    go to `opd`. The most specific region wins; the operator may change the proposal."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="rules")
    region_code = models.CharField(_("region"), max_length=13, blank=True)
    opd = models.ForeignKey(Opd, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["category_id", "region_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "region_code", "opd"], name="aduan_rule_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category} {self.region_code or '*'} → {self.opd}"


class DeadlineSettings(models.Model):
    """Per-pemda limits in working days (defaults as LAPOR! practice) and extra days off."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="aduan_settings")
    verify_days = models.PositiveSmallIntegerField(_("verification (working days)"), default=3)
    dispose_days = models.PositiveSmallIntegerField(_("disposition (working days)"), default=3)
    followup_days = models.PositiveSmallIntegerField(_("OPD follow-up (working days)"), default=5)
    settle_days = models.PositiveSmallIntegerField(_("settlement (days)"), default=60)
    reply_days = models.PositiveSmallIntegerField(
        _("reporter reply before closing (working days)"), default=10
    )
    intake_limit = models.PositiveIntegerField(
        _("submissions per client per hour"), default=20,
        help_text=_("Spam protection for web and API intake; 0 turns it off."),
    )
    extra_holidays = models.JSONField(
        _("extra days off"), default=list, blank=True,
        help_text=_("ISO dates (YYYY-MM-DD) of regional days off."),
    )

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")

    def __str__(self) -> str:
        return str(self.pemda)


class ForumLevel(models.TextChoices):
    KABUPATEN = "kabupaten", _("Regency")
    KECAMATAN = "kecamatan", _("District (kecamatan)")
    DESA = "desa", _("Village (desa)")


class ForumSession(models.Model):
    """A YASINAN session (Layanan Setara, Inklusi, Andalan): an in-person evaluation and
    complaint meeting; what is raised there enters the same pipeline."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    level = models.CharField(_("level"), max_length=10, choices=ForumLevel.choices)
    region = RegionField(related_name="+", verbose_name=_("kecamatan/desa"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    officials = models.TextField(_("officials present"), blank=True, max_length=2000)
    attendance_men = models.PositiveIntegerField(_("men"), default=0)
    attendance_women = models.PositiveIntegerField(_("women"), default=0)
    attendance_disability = models.PositiveIntegerField(_("people with disabilities"), default=0)
    attendance_elderly = models.PositiveIntegerField(_("elderly"), default=0)
    attendance_youth = models.PositiveIntegerField(_("youth"), default=0)
    notes = models.TextField(_("notes"), blank=True, max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("YASINAN forum session")
        verbose_name_plural = _("YASINAN forum sessions")

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"

    @property
    def attendance_total(self) -> int:
        return self.attendance_men + self.attendance_women


class ForumPhoto(models.Model):
    session = models.ForeignKey(ForumSession, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="aduan/forum/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)

    def __str__(self) -> str:
        return self.caption or self.file.name


class Complaint(models.Model):
    pemda = models.ForeignKey(Pemda, on_delete=models.PROTECT, related_name="complaints")
    tracking_number = models.CharField(_("tracking number"), max_length=20, unique=True)
    # The secret link the reporter follows without an account.
    secret_token = models.CharField(max_length=64, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints",
        verbose_name=_("category"),
    )
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DITERIMA
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("description"), max_length=10000)
    region = RegionField(
        null=True, blank=True, related_name="+", verbose_name=_("region"),
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    anonymous = models.BooleanField(_("anonymous (anonim)"), default=False)
    confidential = models.BooleanField(_("confidential (rahasia)"), default=False)
    is_public = models.BooleanField(_("shown publicly"), default=True)
    # Plain identity only for ordinary reports; anonymous/confidential ones keep it sealed.
    reporter_name = models.CharField(_("reporter's name"), max_length=120, blank=True)
    reporter_contact = models.CharField(_("reporter's contact"), max_length=160, blank=True)
    reporter_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="aduan_reports",
    )
    forum_session = models.ForeignKey(
        ForumSession, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="complaints", verbose_name=_("YASINAN session"),
    )
    referral = models.ForeignKey(
        Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    external_ref = models.CharField(_("reference in the source channel"), max_length=64,
                                    blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged",
        verbose_name=_("merged into"),
    )
    status_reason = models.TextField(_("reason the reporter sees"), blank=True, max_length=2000)
    redirect_to = models.CharField(
        _("body with authority"), max_length=200, blank=True,
        help_text=_("For “not our authority”: who the reporter should turn to."),
    )
    # A default rather than auto_now_add: channels importing from LAPOR! or SMS keep the time
    # the citizen actually sent it.
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    disposed_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The deadline of the step the complaint is in (date, end of that working day).
    due_on = models.DateField(_("current step due"), null=True, blank=True, db_index=True)
    settle_by = models.DateField(_("settle by"), null=True, blank=True)
    escalated_on = models.DateField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.TextField(_("comment"), blank=True, max_length=2000)
    workdays_to_answer = models.PositiveSmallIntegerField(null=True, blank=True)
    answered_on_time = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            models.CheckConstraint(
                condition=~Q(is_public=True, confidential=True),
                name="aduan_rahasia_never_public",
            ),
            models.CheckConstraint(
                condition=~Q(is_public=True, kind="pelanggaran"),
                name="aduan_pelanggaran_never_public",
            ),
            models.CheckConstraint(
                condition=Q(anonymous=False, confidential=False)
                | Q(reporter_name="", reporter_contact="", reporter_user__isnull=True),
                name="aduan_sealed_identity_not_plain",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="aduan_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~Q(title="") & ~Q(body=""), name="aduan_not_empty",
            ),
        ]
        indexes = [
            models.Index(fields=["pemda", "status", "due_on"], name="aduan_queue"),
            models.Index(fields=["pemda", "is_public", "-received_at"], name="aduan_public"),
            models.Index(fields=["pemda", "category", "region"], name="aduan_dupe"),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    @property
    def public_status(self) -> str:
        return public_status_label(self.status)

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_sealed(self) -> bool:
        return self.anonymous or self.confidential


class Disposition(models.Model):
    """The complaint handed to one OPD; a complaint may go to several."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE,
                                  related_name="dispositions")
    opd = models.ForeignKey(Opd, on_delete=models.PROTECT, related_name="aduan_dispositions")
    instruction = models.TextField(_("instruction"), blank=True, max_length=2000)
    due_on = models.DateField(_("due"))
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_on = models.DateField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "opd"], name="aduan_disposition_once"),
        ]
        indexes = [models.Index(fields=["opd", "is_active", "due_on"], name="aduan_opd_queue")]

    def __str__(self) -> str:
        return f"{self.complaint} → {self.opd}"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    STATUS = "status", _("Status changed")
    DISPOSED = "disposed", _("Sent to OPD")
    REPLY = "reply", _("OPD reply")
    NOTE = "note", _("Internal note")
    REPORTER = "reporter", _("Reporter's response")
    RATED = "rated", _("Rated")
    REOPENED = "reopened", _("Reopened")
    MERGED = "merged", _("Merged")
    ESCALATED = "escalated", _("Escalated")
    AUTOCLOSED = "autoclosed", _("Closed automatically")


class Event(models.Model):
    """The complaint's timeline. `is_public` events are shown on the tracking page."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=EventKind.choices)
    status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    opd = models.ForeignKey(Opd, on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="+")
    text = models.TextField(blank=True, max_length=10000)
    is_public = models.BooleanField(default=False)
    actor_label = models.CharField(max_length=160)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE,
                                  related_name="attachments")
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="attachments")
    file = models.FileField(upload_to="aduan/%Y/%m/")
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name or self.file.name


class SealedIdentity(models.Model):
    """The reporter's identity for anonymous and confidential reports, Fernet-encrypted with
    ADUAN_IDENTITY_KEY, in a table of its own. Only the inspektorat may reveal it."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE,
                                     related_name="sealed_identity")
    ciphertext = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"sealed identity of {self.complaint_id}"


class IdentityReveal(models.Model):
    """Every reveal of a sealed identity, with the reason given."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    reason = models.TextField(max_length=2000)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} reveal of {self.complaint_id}"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Given up")


class Notification(models.Model):
    """An e-mail waiting to be sent. Rows stay until sent, so an SMTP outage loses nothing:
    the task retries and a periodic sweep picks up whatever is still pending."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+")
    # Empty with `to_sealed`: the address is decrypted from the sealed identity when sending.
    to = models.CharField(max_length=254, blank=True)
    to_sealed = models.BooleanField(default=False)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=8, choices=OutboxStatus.choices,
                              default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"], name="aduan_outbox")]

    def __str__(self) -> str:
        return f"{self.subject} ({self.status})"
