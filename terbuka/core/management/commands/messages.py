"""`terbuka messages [app ...]`: refresh the translation catalogues and compile them.

Each module keeps its own catalogue in `terbuka/<app>/locale/`, so modules are translated
(and can be added or removed) without touching one another; everything else shares
`terbuka/locale/`. Django's makemessages would put every string under `terbuka/` into the
shared catalogue because LOCALE_PATHS is an ancestor of every app, so this runs it per
catalogue with the right directory and ignore list."""

from __future__ import annotations

from contextlib import chdir
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

PACKAGE = Path(__file__).resolve().parents[3]
LANGUAGES = ["id", "en"]
ALWAYS_IGNORED = [".venv", "var", "node_modules", "tests"]


def app_catalogues() -> dict[str, Path]:
    """Apps with a catalogue of their own: {app dir name: app dir}."""
    return {
        p.parent.name: p.parent
        for p in sorted(PACKAGE.glob("*/locale"))
        if p.is_dir() and p.parent.name != "locale"
    }


def _take_shared_header(po: Path, lang: str) -> None:
    """A new catalogue starts with makemessages' fuzzy template header (no plural rule for
    Indonesian); give it the shared catalogue's header instead."""
    if not po.exists():
        return
    text = po.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n\n")
    if "#, fuzzy" not in head:
        return
    shared = (PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    po.write_text(shared.partition("\n\n")[0] + sep + body, encoding="utf-8")


class Command(BaseCommand):
    help = "Refresh and compile translation catalogues (all, or the named apps')."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="app directory names, or 'shared'")
        parser.add_argument("--no-compile", action="store_true")

    def handle(self, *args, apps, no_compile, verbosity, **options):
        own = app_catalogues()
        wanted = apps or ["shared", *own]
        for name in wanted:
            if name == "shared":
                with chdir(PACKAGE):
                    call_command(
                        "makemessages", locale=LANGUAGES, verbosity=verbosity,
                        ignore_patterns=[*ALWAYS_IGNORED, *own], no_obsolete=True,
                    )
                continue
            if name not in own:
                raise CommandError(
                    f"{name}: no catalogue; create terbuka/{name}/locale/ to give it one."
                )
            with chdir(own[name]), override_settings(LOCALE_PATHS=[]):
                call_command(
                    "makemessages", locale=LANGUAGES, verbosity=verbosity,
                    ignore_patterns=ALWAYS_IGNORED, no_obsolete=True,
                )
            for lang in LANGUAGES:
                _take_shared_header(own[name] / "locale" / lang / "LC_MESSAGES" / "django.po",
                                    lang)
        if not no_compile:
            with chdir(PACKAGE):
                call_command("compilemessages", verbosity=verbosity,
                             ignore_patterns=[".venv", "var"])
