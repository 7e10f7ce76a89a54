"""The licences a dataset may carry (CKAN's license list), kept in the License table."""

from __future__ import annotations

LICENCES = (
    ("cc-by-4.0", "Creative Commons Attribution 4.0",
     "https://creativecommons.org/licenses/by/4.0/", True),
    ("cc-by-sa-4.0", "Creative Commons Attribution Share-Alike 4.0",
     "https://creativecommons.org/licenses/by-sa/4.0/", True),
    ("cc-zero", "Creative Commons CCZero",
     "https://creativecommons.org/publicdomain/zero/1.0/", True),
    ("cc-nc", "Creative Commons Non-Commercial (Any)",
     "https://creativecommons.org/licenses/by-nc/4.0/", False),
    ("odc-by", "Open Data Commons Attribution License",
     "https://opendatacommons.org/licenses/by/", True),
    ("odc-odbl", "Open Data Commons Open Database License (ODbL)",
     "https://opendatacommons.org/licenses/odbl/", True),
    ("odc-pddl", "Open Data Commons Public Domain Dedication and License (PDDL)",
     "https://opendatacommons.org/licenses/pddl/", True),
    ("other-open", "Other (Open)", "", True),
    ("other-closed", "Other (Not Open)", "", False),
    ("notspecified", "License not specified", "", False),
)


def ensure_licences() -> None:
    """Insert the standard licences that are missing (the migration does it once; a database
    emptied by a flush, as between transactional tests, gets them back)."""
    from terbuka.satudata.models import License

    if License.objects.count() >= len(LICENCES):
        return
    License.objects.bulk_create([
        License(id=lid, title=title, url=url, is_open=is_open,
                od_conformance="approved" if is_open else "not reviewed")
        for lid, title, url, is_open in LICENCES
    ], ignore_conflicts=True)
