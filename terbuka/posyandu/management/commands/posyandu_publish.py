"""terbuka posyandu_publish [--month YYYY-MM] [--pemda slug]: SKDN aggregates to Satu Data."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import Pemda
from terbuka.posyandu import publish, selectors


class Command(BaseCommand):
    help = "Publish posyandu SKDN and stunting aggregates by desa to Satu Data."

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: the latest month with sessions)")
        parser.add_argument("--pemda", help="slug (default: every pemda using posyandu)")

    def handle(self, *args, month=None, pemda=None, **options):
        qs = Pemda.objects.filter(is_active=True)
        if pemda:
            qs = qs.filter(slug=pemda)
            if not qs.exists():
                raise CommandError(f"No pemda {pemda!r}")
        for p in qs:
            if not p.uses_module("posyandu"):
                continue
            try:
                m = (datetime.date.fromisoformat(month + "-01") if month
                     else selectors.latest_month(pemda=p))
            except ValueError as exc:
                raise CommandError(f"--month must be YYYY-MM, got {month!r}") from exc
            if m is None:
                continue
            ref = publish.publish_month(actor=None, pemda=p, month=m)
            self.stdout.write(f"{p.slug} {m:%Y-%m}: {ref or 'no catalog installed'}")
