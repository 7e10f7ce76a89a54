"""Seed the licences and create the full-text index: FTS5 on SQLite, GIN on PostgreSQL."""

from django.db import migrations

LICENCES = [
    ("cc-by-4.0", "Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/", True),
    ("cc-by-sa-4.0", "Creative Commons Attribution Share-Alike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/", True),
    ("cc-zero", "Creative Commons CCZero", "https://creativecommons.org/publicdomain/zero/1.0/", True),
    ("cc-nc", "Creative Commons Non-Commercial (Any)", "https://creativecommons.org/licenses/by-nc/4.0/", False),
    ("odc-by", "Open Data Commons Attribution License", "https://opendatacommons.org/licenses/by/", True),
    ("odc-odbl", "Open Data Commons Open Database License (ODbL)", "https://opendatacommons.org/licenses/odbl/", True),
    ("odc-pddl", "Open Data Commons Public Domain Dedication and License (PDDL)", "https://opendatacommons.org/licenses/pddl/", True),
    ("other-open", "Other (Open)", "", True),
    ("other-closed", "Other (Not Open)", "", False),
    ("notspecified", "License not specified", "", False),
]


def seed(apps, schema_editor):
    License = apps.get_model("satudata", "License")
    for lid, title, url, is_open in LICENCES:
        License.objects.update_or_create(
            id=lid, defaults={"title": title, "url": url, "is_open": is_open,
                              "od_conformance": "approved" if is_open else "not reviewed"})


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS satudata_dataset_fts USING fts5("
            "body, tokenize = 'unicode61')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS dataset_search_gin ON satudata_dataset USING gin "
            "(to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
        )


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS satudata_dataset_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS dataset_search_gin")


class Migration(migrations.Migration):
    dependencies = [("satudata", "0001_initial")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
