"""terbuka ikm_publish [slug …]: publish IKM results to Satu Data (all active pemda by default)."""

from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import Pemda
from terbuka.ikm.services import results_publish


class Command(BaseCommand):
    help = "Publish the IKM results of each pemda's service units to Satu Data."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*")

    def handle(self, *args, slugs, **options):
        pemdas = Pemda.objects.filter(is_active=True)
        if slugs:
            pemdas = pemdas.filter(slug__in=slugs)
            missing = set(slugs) - set(pemdas.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"Unknown pemda: {', '.join(sorted(missing))}")
        for pemda in pemdas:
            reference = results_publish(actor=None, pemda=pemda)
            self.stdout.write(f"{pemda.slug}: {reference or 'no catalog took the table'}")
