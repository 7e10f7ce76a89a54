"""The Indonesian catalogue is complete and the committed .mo matches the .po.

CI machines may lack GNU gettext, so the compiled .mo files are committed; this test catches a
.po edited without recompiling, and any string left untranslated or fuzzy."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
LOCALE = PACKAGE / "locale"
# The shared catalogue and each module's own (see `terbuka messages`).
CATALOGUES = [LOCALE, *sorted(p for p in PACKAGE.glob("*/locale") if p.is_dir())]
CATALOGUE_IDS = [str(p.relative_to(PACKAGE)) for p in CATALOGUES]


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgctxt, msgid, msgid_plural, msgstr {index: text}, flags.
    Obsolete (#~) entries are skipped, as msgfmt does."""
    entries, entry, key = [], None, None

    def finish():
        if entry is not None and entry["msgid"] is not None:
            entries.append(entry)

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            finish()
            entry, key = None, None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = {"flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None,
                     "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if isinstance(key, int):
                entry["msgstr"][key] += text
            else:
                entry[key] += text
        else:
            keyword, _, value = line.partition(" ")
            text = ast.literal_eval(value)
            if keyword.startswith("msgstr["):
                key = int(keyword[7:-1])
                entry["msgstr"][key] = text
            elif keyword == "msgstr":
                key = 0
                entry["msgstr"][0] = text
            else:
                key = keyword
                entry[key] = text
    finish()
    return entries


def _messages(lang: str, locale: Path = LOCALE) -> list[dict]:
    return [e for e in parse_po(locale / lang / "LC_MESSAGES" / "django.po") if e["msgid"]]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_catalogue_exists_and_is_not_trivial(lang):
    assert len(_messages(lang)) > 100


@pytest.mark.parametrize("locale", CATALOGUES, ids=CATALOGUE_IDS)
def test_every_indonesian_message_is_translated_and_not_fuzzy(locale):
    problems = []
    for entry in _messages("id", locale):
        label = repr(entry["msgid"])
        if "fuzzy" in entry["flags"]:
            problems.append(f"fuzzy: {label}")
        if not entry["msgstr"] or not all(entry["msgstr"].values()):
            problems.append(f"untranslated: {label}")
        if entry["msgid_plural"] is not None and len(entry["msgstr"]) != 1:
            problems.append(f"Indonesian has one plural form: {label}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("locale", CATALOGUES, ids=CATALOGUE_IDS)
def test_indonesian_header_is_not_fuzzy(locale):
    header = next(e for e in parse_po(locale / "id/LC_MESSAGES/django.po") if e["msgid"] == "")
    assert "fuzzy" not in header["flags"]
    assert "Plural-Forms: nplurals=1; plural=0;" in header["msgstr"][0]


@pytest.mark.parametrize("locale", CATALOGUES, ids=CATALOGUE_IDS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_compiled_mo_matches_the_po(lang, locale):
    """Every .po message comes out of the committed .mo with the same text, so the .mo is not
    older than the .po. Run `terbuka messages` after editing the catalogue."""
    mo_path = locale / lang / "LC_MESSAGES" / "django.mo"
    assert mo_path.exists(), f"{mo_path} is missing: run terbuka compilemessages"
    with mo_path.open("rb") as fh:
        mo = gettext.GNUTranslations(fh)
    stale = []
    for entry in _messages(lang, locale):
        if "fuzzy" in entry["flags"] or not all(entry["msgstr"].values()):
            continue
        ctx, msgid = entry["msgctxt"], entry["msgid"]
        if entry["msgid_plural"] is None:
            got = mo.pgettext(ctx, msgid) if ctx is not None else mo.gettext(msgid)
            expected = entry["msgstr"][0]
        else:
            # n=1 picks form 0 in both languages.
            plural = entry["msgid_plural"]
            got = (
                mo.npgettext(ctx, msgid, plural, 1) if ctx is not None
                else mo.ngettext(msgid, plural, 1)
            )
            expected = entry["msgstr"][0]
        if got != expected:
            stale.append(repr(msgid))
    assert stale == [], "The .mo is older than the .po for:\n" + "\n".join(stale)


def test_the_parser_sees_fuzzy_and_untranslated_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: id\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "Hello %(name)s"\nmsgstr "Halo %(name)s"\n\n'
        'msgid "Two"\n"lines"\nmsgstr ""\n\n'
        'msgctxt "menu"\nmsgid "File"\nmsgid_plural "Files"\nmsgstr[0] "Berkas"\n\n'
        '#~ msgid "Old"\n#~ msgstr "Lama"\n',
        encoding="utf-8",
    )
    entries = {e["msgid"]: e for e in parse_po(po)}
    assert set(entries) == {"", "Hello %(name)s", "Twolines", "File"}
    assert "fuzzy" in entries["Hello %(name)s"]["flags"]
    assert entries["Twolines"]["msgstr"] == {0: ""}
    assert entries["File"]["msgctxt"] == "menu"
    assert entries["File"]["msgstr"] == {0: "Berkas"}
