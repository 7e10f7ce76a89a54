from django.db import migrations

# The ledger service never changes or removes a transaction, a line or a posting (a mistake is
# corrected by a new transaction); these triggers make the database refuse it too, so no raw
# SQL session can move a balance without a recorded transaction. PostgreSQL refuses UPDATE and
# DELETE; SQLite refuses UPDATE only, because Django empties SQLite tables with DELETE between
# transactional tests (PostgreSQL uses TRUNCATE, which row triggers do not see).
TABLES = ("lingkungan_transaksi", "lingkungan_transaksiline", "lingkungan_posting")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION lingkungan_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The bank sampah ledger is append-only: % refused on %',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table in TABLES:
            schema_editor.execute(
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}; "
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION lingkungan_ledger_append_only();",
                params=None,
            )
    elif vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, 'The bank sampah ledger is append-only: UPDATE "
                f"refused on {table}'); END;",
                params=None,
            )


def remove(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};",
                                  params=None)
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update;", params=None)
    if vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS lingkungan_ledger_append_only();",
                              params=None)


class Migration(migrations.Migration):

    dependencies = [("lingkungan", "0001_initial")]

    operations = [migrations.RunPython(install, remove)]
