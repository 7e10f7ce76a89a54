"""selectors.audit_events: the filters of the audit log page."""

import datetime as dt

import pytest
from django.utils import timezone

from terbuka.core import audit, selectors
from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import BANGGAI, KSB, make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def log():
    ksb, banggai = make_pemda("ksb", KSB), make_pemda("banggai", BANGGAI)
    alice, bob = make_user("alice"), make_user("bob")
    opd = make_opd(ksb, "Dinas A")
    events = {
        "a_create": audit.record(actor=alice, action="core.opd.create", obj=opd),
        "b_update": audit.record(actor=bob, action="core.opd.update", obj=opd),
        "a_read": audit.record_read(actor=alice, action="posyandu.child.view", obj=opd),
        "system": audit.record(actor=None, action="core.pemda.update", obj=ksb, pemda=ksb),
        "other": audit.record(actor=alice, action="core.opd.create",
                              obj=make_opd(banggai, "Dinas B")),
    }
    return ksb, alice, events


def _ids(qs):
    return {e.pk for e in qs}


def test_only_the_pemda_and_newest_first(log):
    ksb, _, ev = log
    events = list(selectors.audit_events(pemda=ksb))
    assert {e.pk for e in events} == {ev[k].pk for k in ("a_create", "b_update", "a_read",
                                                         "system")}
    assert [e.pk for e in events] == sorted((e.pk for e in events), reverse=True)


def test_filters(log):
    ksb, alice, ev = log
    assert _ids(selectors.audit_events(pemda=ksb, actor=alice)) == {ev["a_create"].pk,
                                                                    ev["a_read"].pk}
    assert _ids(selectors.audit_events(pemda=ksb, actor=" BOB ")) == {ev["b_update"].pk}
    assert _ids(selectors.audit_events(pemda=ksb, actor="system")) == {ev["system"].pk}
    assert _ids(selectors.audit_events(pemda=ksb, action="core.opd")) == {ev["a_create"].pk,
                                                                         ev["b_update"].pk}
    assert _ids(selectors.audit_events(pemda=ksb, action="core.opd.update")) == {
        ev["b_update"].pk}
    assert not selectors.audit_events(pemda=ksb, action="core.op").exists()
    assert _ids(selectors.audit_events(pemda=ksb, object_type="core.pemda")) == {
        ev["system"].pk}
    assert _ids(selectors.audit_events(pemda=ksb, is_read=True)) == {ev["a_read"].pk}
    assert len(_ids(selectors.audit_events(pemda=ksb, is_read=False))) == 3


def test_time_window_is_inclusive(log):
    ksb, _, ev = log
    at = AuditEvent.objects.get(pk=ev["system"].pk).at
    assert ev["system"].pk in _ids(selectors.audit_events(pemda=ksb, since=at, until=at))
    later = timezone.now() + dt.timedelta(days=1)
    assert not selectors.audit_events(pemda=ksb, since=later).exists()
    earlier = timezone.now() - dt.timedelta(days=1)
    assert not selectors.audit_events(pemda=ksb, until=earlier).exists()
