"""terbuka lingkungan_publish [slug …] [--year N]: publish the bank sampah and yard-farming
tables to Satu Data (every active pemda by default)."""

from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import Pemda
from terbuka.lingkungan.services import tables_publish


class Command(BaseCommand):
    help = "Publish bank sampah tonnage and yard farming per desa to Satu Data."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*")
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args, slugs, year, **options):
        pemdas = Pemda.objects.filter(is_active=True)
        if slugs:
            pemdas = pemdas.filter(slug__in=slugs)
            missing = set(slugs) - set(pemdas.values_list("slug", flat=True))
            if missing:
                raise CommandError(f"Unknown pemda: {', '.join(sorted(missing))}")
        for pemda in pemdas:
            if not pemda.uses_module("lingkungan"):
                continue
            for key, ref in tables_publish(actor=None, pemda=pemda, year=year).items():
                ref = ref or "nothing to publish or no catalog"
                self.stdout.write(f"{pemda.slug} {key}: {ref}")
