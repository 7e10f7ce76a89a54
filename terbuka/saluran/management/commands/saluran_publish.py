"""terbuka saluran_publish [slug …]: publish monthly complaint statistics to Satu Data."""

from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import Pemda
from terbuka.saluran.services import stats_publish


class Command(BaseCommand):
    help = "Publish monthly complaint statistics (small counts suppressed) to Satu Data."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*")

    def handle(self, *args, slugs, **options):
        pemdas = Pemda.objects.filter(is_active=True)
        if slugs:
            pemdas = pemdas.filter(slug__in=slugs)
            if pemdas.count() != len(set(slugs)):
                raise CommandError("Unknown pemda among: " + ", ".join(slugs))
        for pemda in pemdas:
            reference = stats_publish(actor=None, pemda=pemda)
            self.stdout.write(f"{pemda.slug}: {reference or 'no catalog took the table'}")
