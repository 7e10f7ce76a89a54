from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from terbuka.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup made by `terbuka backup` into an empty database and storage, "
            "then check row counts and file checksums against its manifest.")

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)

    def handle(self, *args, source, **options):
        try:
            result = restore(source)
        except (BackupError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored and verified {result.rows} rows in {result.tables} tables and "
            f"{result.files} files from {result.path}"
        )
