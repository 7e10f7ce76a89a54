"""Import a catalogue listing (CSV or XLSX, one row per dataset) into a pemda's Satu Data.
Checks only (a dry run) unless --commit is given: `terbuka satudata_import ntb daftar.xlsx`."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import Pemda
from terbuka.satudata.bulk_import import catalog_import


class Command(BaseCommand):
    help = "Check (and with --commit, import as drafts) a catalogue listing."

    def add_arguments(self, parser):
        parser.add_argument("pemda")
        parser.add_argument("file")
        parser.add_argument("--commit", action="store_true", help="write when no problems")

    def handle(self, *args, **opts):
        pemda = Pemda.objects.filter(slug=opts["pemda"]).first()
        if pemda is None:
            raise CommandError(f"Unknown pemda {opts['pemda']!r}")
        path = Path(opts["file"])
        try:
            with path.open("rb") as handle:
                report = catalog_import(actor=None, pemda=pemda, upload=handle,
                                        filename=path.name, dry_run=not opts["commit"])
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        for p in report.problems:
            self.stdout.write(f"row {p['row']}, {p['column']}: {p['message']}")
        self.stdout.write(f"{report.rows} rows, {len(report.problems)} problems, "
                          f"{report.created} created" + (" (dry run)" if report.dry_run else ""))
        if report.problems:
            raise SystemExit(1)
