"""terbuka lingkungan_verify: check every bank sampah's cached balances against its ledger."""

from django.core.management.base import BaseCommand, CommandError

from terbuka.lingkungan import selectors
from terbuka.lingkungan.models import Unit


class Command(BaseCommand):
    help = "Check that every cached balance (cash, savings, stock) equals its ledger."

    def handle(self, *args, **options):
        bad = 0
        units = Unit.objects.select_related("pemda").order_by("pemda_id", "name")
        for unit in units:
            for m in selectors.ledger_verify(unit):
                bad += 1
                self.stdout.write(f"{unit.pemda.slug} {unit.name}: {m.what} cached {m.cached}, "
                                  f"ledger says {m.derived}")
        if bad:
            raise CommandError(f"{bad} balance(s) disagree with the ledger.")
        self.stdout.write(f"{units.count()} bank sampah: every balance agrees with the ledger.")
