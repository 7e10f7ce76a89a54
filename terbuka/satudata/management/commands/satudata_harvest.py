"""Run the harvest of every active source (or of one pemda or source): `terbuka satudata_harvest`.
Add a source with --add-source URL --title TITLE --pemda SLUG."""

from django.core.management.base import BaseCommand, CommandError

from terbuka.core.models import Pemda
from terbuka.satudata import harvest
from terbuka.satudata.models import HarvestSource


class Command(BaseCommand):
    help = "Harvest CKAN-compatible catalogues into Satu Data."

    def add_arguments(self, parser):
        parser.add_argument("--pemda", help="only this pemda's sources (slug)")
        parser.add_argument("--source", type=int, help="only this source (id)")
        parser.add_argument("--add-source", metavar="URL", help="register a source first")
        parser.add_argument("--title", default="", help="title of the source being added")

    def handle(self, *args, **opts):
        pemda = None
        if opts["pemda"]:
            pemda = Pemda.objects.filter(slug=opts["pemda"]).first()
            if pemda is None:
                raise CommandError(f"Unknown pemda {opts['pemda']!r}")
        if opts["add_source"]:
            if pemda is None:
                raise CommandError("--add-source needs --pemda")
            source = harvest.harvest_source_create(
                actor=None, pemda=pemda, title=opts["title"] or opts["add_source"],
                url=opts["add_source"])
            self.stdout.write(f"source {source.pk}: {source.url}")
        sources = HarvestSource.objects.filter(is_active=True).select_related("pemda")
        if pemda is not None:
            sources = sources.filter(pemda=pemda)
        if opts["source"]:
            sources = sources.filter(pk=opts["source"])
        for source in sources:
            run = harvest.harvest_run(source=source)
            self.stdout.write(
                f"{source.pemda.slug} {source.url}: {run.created} new, {run.updated} updated, "
                f"{run.unchanged} unchanged, {len(run.errors)} errors")
