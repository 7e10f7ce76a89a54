"""Tables of the saluran app: what arrives through the complaint channels before and besides
the complaint itself (triage queue, SMS log, webhook deliveries, replies, LAPOR! links)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terbuka.aduan.models import Complaint
from terbuka.core.models import Pemda


class Source(models.TextChoices):
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    X = "x", _("X (Twitter)")


class TriageStatus(models.TextChoices):
    NEW = "baru", _("Waiting for an operator")
    PROMOTED = "jadi_aduan", _("Became a complaint")
    DISMISSED = "ditolak", _("Dismissed")


class TriageItem(models.Model):
    """Something a channel received that is not (yet) a complaint: free-text SMS, a social
    media mention or message, a payload of unknown shape. Nothing a channel receives is
    dropped: it is a complaint, a status answer, or one of these."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(_("channel"), max_length=12, choices=Source.choices)
    # The platform's id of the message (SMS: spool file name); repeats are the same item.
    external_id = models.CharField(max_length=200, blank=True)
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    sender = models.CharField(_("sender"), max_length=120, blank=True)  # personal data
    sender_name = models.CharField(_("sender's name"), max_length=120, blank=True)
    text = models.TextField(_("text"), blank=True, max_length=10000)
    raw = models.JSONField(_("payload as received"), null=True, blank=True)
    problem = models.CharField(_("why it needs an operator"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=TriageStatus.choices,
                              default=TriageStatus.NEW, db_index=True)
    complaint = models.ForeignKey(Complaint, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    note = models.TextField(_("operator's note"), blank=True, max_length=2000)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    handled_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("triage item")
        verbose_name_plural = _("triage items")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "source", "external_id"],
                                    condition=~Q(external_id=""), name="saluran_triage_once"),
            models.CheckConstraint(
                condition=~Q(status="jadi_aduan") | Q(complaint__isnull=False),
                name="saluran_triage_promoted_has_complaint"),
        ]

    def __str__(self) -> str:
        return self.reference


class SmsGateway(models.Model):
    """A Gammu SMSD of a pemda using the files backend: where its spool folders are."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="+")
    number = models.CharField(_("gateway number"), max_length=30, blank=True)
    inbox_path = models.CharField(_("inbox folder"), max_length=500)
    outbox_path = models.CharField(_("outbox folder"), max_length=500)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("SMS gateway")
        verbose_name_plural = _("SMS gateways")

    def __str__(self) -> str:
        return f"{self.pemda} SMS {self.number}"


class Direction(models.TextChoices):
    IN = "in", _("Received")
    OUT = "out", _("Sent")


class SmsMessage(models.Model):
    """Every SMS in and out, so reprocessing a spool never answers twice and an operator can
    see the conversation."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    number = models.CharField(_("number"), max_length=40)  # personal data
    text = models.TextField(_("text"), max_length=2000)
    key = models.CharField(max_length=200, blank=True)  # inbound: first spool file name
    kind = models.CharField(max_length=12, blank=True)  # complaint, status, help, triage
    complaint = models.ForeignKey(Complaint, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    triage = models.ForeignKey(TriageItem, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="sms")
    written_to = models.CharField(max_length=300, blank=True)  # outbound: the outbox file
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["pemda", "key"], condition=Q(direction="in"),
                                    name="saluran_sms_in_once"),
        ]

    def __str__(self) -> str:
        return f"{self.direction} {self.created_at:%Y-%m-%d %H:%M}"


class ChannelAccount(models.Model):
    """A pemda's account on a platform: the secrets that verify its webhooks and answer."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    platform = models.CharField(_("platform"), max_length=12, choices=[
        ("meta", _("Meta (Facebook, Instagram, WhatsApp)")), ("x", _("X (Twitter)"))])
    account_id = models.CharField(_("account id"), max_length=100, blank=True,
                                  help_text=_("Page id, WhatsApp phone number id or X user id."))
    app_secret = models.CharField(_("app secret"), max_length=200)
    verify_token = models.CharField(_("verify token"), max_length=200, blank=True)
    access_token = models.TextField(_("access token for replies"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("channel account")
        verbose_name_plural = _("channel accounts")
        constraints = [models.UniqueConstraint(fields=["pemda", "platform"],
                                               name="saluran_account_once")]

    def __str__(self) -> str:
        return f"{self.pemda} {self.platform}"


class WebhookDelivery(models.Model):
    """The digest of every accepted webhook body: the same body twice is a replay."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    platform = models.CharField(max_length=12)
    digest = models.CharField(max_length=64)
    items = models.PositiveIntegerField(default=0)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["platform", "digest"],
                                               name="saluran_delivery_once")]

    def __str__(self) -> str:
        return f"{self.platform} {self.digest[:12]}"


class ReplyStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Reply(models.Model):
    """An answer to a social media or chat sender, sent by a job through the platform's API."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=12, choices=Source.choices)
    recipient = models.CharField(max_length=120)  # personal data
    thread = models.CharField(max_length=200, blank=True)
    text = models.TextField(max_length=2000)
    triage = models.ForeignKey(TriageItem, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies")
    status = models.CharField(max_length=8, choices=ReplyStatus.choices,
                              default=ReplyStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.source} {self.status}"


class LaporAccount(models.Model):
    """A pemda's access to the SP4N-LAPOR! integration API (token issued by its team)."""

    pemda = models.OneToOneField(Pemda, on_delete=models.CASCADE, related_name="+")
    base_url = models.URLField(_("API address"), default="https://api.lapor.go.id/")
    token = models.CharField(_("token"), max_length=500)
    is_active = models.BooleanField(_("active"), default=False)
    last_pulled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("LAPOR! account")
        verbose_name_plural = _("LAPOR! accounts")

    def __str__(self) -> str:
        return f"{self.pemda} LAPOR!"


class LaporLink(models.Model):
    """One complaint known on both sides: our tracking number and LAPOR!'s id. One per
    complaint and one per LAPOR! id, so a report forwarded either way is never doubled."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE,
                                     related_name="lapor_link")
    lapor_id = models.CharField(_("LAPOR! number"), max_length=40, blank=True)
    origin = models.CharField(max_length=8, choices=[("terbuka", "Terbuka"),
                                                     ("lapor", "SP4N-LAPOR!")])
    lapor_status = models.CharField(max_length=30, blank=True)
    exported_at = models.DateTimeField(null=True, blank=True)
    synced_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["pemda", "lapor_id"], condition=~Q(lapor_id=""),
                                    name="saluran_lapor_id_once"),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} ↔ {self.lapor_id or '?'}"
