"""terbuka saluran_lapor export|import|push|pull --pemda slug [--format json|csv] [FILE]

export writes the batch to FILE (or stdout); import reads FILE; push and pull use the
LAPOR! integration API with the pemda's token (LaporAccount)."""

import sys

from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import Pemda
from terbuka.saluran import lapor
from terbuka.saluran.lapor_client import LaporClient, LaporUnavailable
from terbuka.saluran.services import lapor_export, lapor_import


class Command(BaseCommand):
    help = "Exchange complaints with SP4N-LAPOR! as JSON/CSV batches or through its API."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "import", "push", "pull"])
        parser.add_argument("--pemda", required=True)
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument("file", nargs="?")

    def handle(self, *args, action, pemda, format, file=None, **options):  # noqa: A002
        target = Pemda.objects.filter(slug=pemda).first()
        if target is None:
            raise CommandError(f"Unknown pemda {pemda!r}")
        if action == "export":
            records = lapor_export(actor=None, pemda=target)
            text = lapor.dump_json(records) if format == "json" else lapor.dump_csv(records)
            if file:
                with open(file, "w", encoding="utf-8") as out:
                    out.write(text)
            else:
                sys.stdout.write(text)
            self.stderr.write(f"{len(records)} records")
            return
        if action == "import":
            if not file:
                raise CommandError("import needs a FILE")
            with open(file, encoding="utf-8-sig") as handle:
                summary = lapor_import(actor=None, pemda=target, text=handle.read(), fmt=format)
            self.stdout.write(str(summary))
            return
        try:
            client = LaporClient.for_pemda(target)
            summary = client.push(target) if action == "push" else client.pull(target)
        except LaporUnavailable as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(summary))
