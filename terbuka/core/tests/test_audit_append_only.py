"""Nobody can change or remove audit events: not the model, not a queryset, not raw SQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from terbuka.core import audit
from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import KSB, make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    pemda = make_pemda("ksb", KSB)
    actor = make_user("admin", "admin_pemda", pemda=pemda)
    return audit.record(actor=actor, action="core.opd.create", obj=make_opd(pemda, "Dinas A"),
                        changes={"name": [None, "Dinas A"]})


def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")


def test_model_refuses_save_and_delete(event):
    event.action = "forged"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "core.opd.create"


def test_queryset_refuses_update_and_delete(event):
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="forged")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_update([event], ["action"])
    assert AuditEvent.objects.count() == 1


def test_database_refuses_raw_update(event):
    # A trigger on both SQLite and PostgreSQL.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
            connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "core.opd.create"


@pytest.mark.postgres
def test_postgresql_refuses_raw_update_and_delete(event):
    postgres_only()
    for sql in ("UPDATE core_auditevent SET changes = '{}'::jsonb",
                "UPDATE core_auditevent SET actor_id = NULL",
                "DELETE FROM core_auditevent"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), \
                connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).changes == {"name": [None, "Dinas A"]}


def test_deleting_the_actor_leaves_the_event_as_recorded(event):
    # on_delete=DO_NOTHING: the user goes, the row is not rewritten, the label remains.
    event.actor.delete()
    kept = AuditEvent.objects.get(pk=event.pk)
    assert kept.actor_label == "admin" and kept.actor_id is not None


def test_system_and_anonymous_labels():
    from django.contrib.auth.models import AnonymousUser

    assert audit.record(actor=None, action="x").actor_label == "system"
    assert audit.record(actor=AnonymousUser(), action="x").actor_label == "anonymous"
