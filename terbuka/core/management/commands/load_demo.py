"""`terbuka load_demo`: the three demo pemda with OPD, places and one account per role."""

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from terbuka.core.demo import DemoError, load_demo


class Command(BaseCommand):
    help = (
        "Create the demo pemda (Provinsi NTB, Kabupaten Sumbawa Barat, Kabupaten Banggai) with "
        "their OPD, places and one user per role, then every module's demo data. Safe to re-run. "
        "Refuses to run with TERBUKA_ENV=production. Needs `terbuka load_regions` first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--modules", default=None,
            help="comma-separated module names whose demo data to load (default: all; "
                 "an empty value loads only the pemda, OPD, places and accounts)",
        )

    def handle(self, *args, modules=None, **options):
        names = None if modules is None else [m for m in modules.split(",") if m.strip()]
        try:
            report = load_demo(stdout=self.stdout, modules=names)
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        made = ", ".join(f"{n} {what}" for what, n in report.created.items()) or "nothing new"
        self.stdout.write(f"Demo data loaded ({made}).")
        self.stdout.write("")
        self.stdout.write(self._table(report.accounts))
        self.stdout.write("")
        pages = ", ".join(f"/{a}/" for a in dict.fromkeys(acc.username.split(".")[0]
                                                         for acc in report.accounts))
        self.stdout.write(f"Log in at {reverse('accounts:login')}; public pages at {pages}.")

    @staticmethod
    def _table(accounts) -> str:
        head = ("username", "password", "role", "pemda", "scope")
        rows = [head] + [(a.username, a.password, a.role, a.pemda, a.scope) for a in accounts]
        widths = [max(len(str(row[i])) for row in rows) for i in range(len(head))]
        lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                 for row in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(lines)
