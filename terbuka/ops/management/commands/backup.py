from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from terbuka.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files into a new directory (see docs/deploy.md)."

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="a new or empty directory")

    def handle(self, *args, target, **options):
        try:
            result = backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up {result.rows} rows in {result.tables} tables and {result.files} files "
            f"to {result.path}"
        )
