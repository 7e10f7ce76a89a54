"""`terbuka load_regions`: load or refresh every Kemendagri region code (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import RegionLevel
from terbuka.core.regions import RegionFileError, read_rows
from terbuka.core.regions_loader import load_regions


class Command(BaseCommand):
    help = (
        "Load the Kemendagri region codes shipped with Terbuka (or --file). Safe to re-run: "
        "changed names are updated, new codes added, vanished codes reported but kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", help="A kode,nama,tingkat CSV (optionally .gz) instead of the shipped list."
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, file=None, database="default", **options):
        try:
            rows = read_rows(file) if file else None
        except (OSError, RegionFileError) as exc:
            raise CommandError(str(exc)) from exc
        report = load_regions(rows, using=database)
        out = self.stdout
        out.write(f"Regions in the list: {report.total:,}")
        for level, n in report.per_level.items():
            out.write(f"  {RegionLevel(level).label}: {n:,}")
        out.write(
            f"Inserted {report.inserted:,}, updated {report.updated:,}, "
            f"unchanged {report.unchanged:,} in {report.seconds:.2f} s."
        )
        if report.missing:
            shown = ", ".join(report.missing[:20])
            more = f" and {len(report.missing) - 20} more" if len(report.missing) > 20 else ""
            out.write(self.style.WARNING(
                f"{len(report.missing):,} stored codes are no longer in the list and were kept "
                f"(other records may refer to them): {shown}{more}"
            ))
