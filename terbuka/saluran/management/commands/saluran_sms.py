"""terbuka saluran_sms [--pemda slug --inbox DIR --outbox DIR]: act on the Gammu inbox once.

Without options it reads every active gateway recorded in the database; with --inbox and
--outbox it records (or updates) the pemda's gateway first, which is how a new Gammu SMSD is
connected."""

from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import Pemda
from terbuka.saluran.models import SmsGateway
from terbuka.saluran.services import sms_process


class Command(BaseCommand):
    help = "Read Gammu SMSD inboxes, create complaints or triage items, write replies."

    def add_arguments(self, parser):
        parser.add_argument("--pemda")
        parser.add_argument("--inbox")
        parser.add_argument("--outbox")

    def handle(self, *args, pemda=None, inbox=None, outbox=None, **options):
        gateways = SmsGateway.objects.filter(is_active=True).select_related("pemda")
        if pemda:
            target = Pemda.objects.filter(slug=pemda).first()
            if target is None:
                raise CommandError(f"Unknown pemda {pemda!r}")
            if inbox or outbox:
                if not (inbox and outbox):
                    raise CommandError("--inbox and --outbox go together")
                SmsGateway.objects.update_or_create(
                    pemda=target, defaults={"inbox_path": inbox, "outbox_path": outbox,
                                            "is_active": True})
            gateways = gateways.filter(pemda=target)
        if not gateways:
            raise CommandError("No active SMS gateway; give --pemda, --inbox and --outbox.")
        for gateway in gateways:
            try:
                counts = sms_process(gateway=gateway)
            except OSError as exc:
                raise CommandError(f"{gateway.pemda.slug}: {exc}") from exc
            self.stdout.write(f"{gateway.pemda.slug}: " + ", ".join(
                f"{k} {v}" for k, v in counts.items()))
