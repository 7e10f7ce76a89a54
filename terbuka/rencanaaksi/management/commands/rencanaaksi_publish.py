"""terbuka rencanaaksi_publish [slug ...]: publish the action-plan tables to Satu Data."""

from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import Pemda
from terbuka.rencanaaksi import opendata


class Command(BaseCommand):
    help = "Publish each pemda's OGP action-plan commitments and participation to Satu Data."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="pemda slugs (default: every active pemda)")

    def handle(self, *args, **options):
        pemdas = Pemda.objects.filter(is_active=True).order_by("slug")
        if options["slugs"]:
            pemdas = pemdas.filter(slug__in=options["slugs"])
            missing = set(options["slugs"]) - {p.slug for p in pemdas}
            if missing:
                raise CommandError(f"Unknown pemda: {', '.join(sorted(missing))}")
        for pemda in pemdas:
            refs = opendata.publish_pemda(pemda)
            shown = ", ".join(r or "-" for r in refs)
            self.stdout.write(f"{pemda.slug}: {shown}")
