"""Django wrapper: `terbuka zscore INPUT -o OUTPUT` (the work is in terbuka.growth.cli)."""

import argparse

from django.core.management.base import BaseCommand, CommandError

from terbuka.growth import cli


class Command(BaseCommand):
    help = "WHO z-scores, flags and Permenkes categories for a CSV or Parquet file."

    def add_arguments(self, parser):
        cli.build_parser(parser)

    def handle(self, *args, **options):
        names = ("input", "output", "column", "classes", "no_input_columns")
        namespace = argparse.Namespace(**{name: options[name] for name in names})
        status = cli.execute(namespace, self.stdout, self.stderr)
        if status:
            raise CommandError("zscore failed (see the message above)", returncode=status)
