from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import Pemda
from terbuka.gotongroyong.publish import publish_all


class Command(BaseCommand):
    help = "Publish gotong royong aggregates (projects per desa, STBM/ODF) to Satu Data."

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="pemda paths; all active when omitted")

    def handle(self, *args, slugs, **options):
        pemdas = Pemda.objects.filter(is_active=True)
        if slugs:
            pemdas = pemdas.filter(slug__in=slugs)
            if pemdas.count() != len(set(slugs)):
                raise CommandError("Unknown pemda path among: " + ", ".join(slugs))
        for pemda in pemdas:
            refs = publish_all(pemda)
            self.stdout.write(f"{pemda.slug}: {sum(1 for r in refs if r)} of {len(refs)} "
                              "tables published")
