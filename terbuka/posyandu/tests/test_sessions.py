"""Sessions and measurements: bad input is caught with a clear message, nothing half-saved,
and two phones recording the same session make one."""

import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from terbuka.posyandu import services
from terbuka.posyandu.models import Measurement, Session

from .conftest import month_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(posyandu, kader, child):
    s, created = services.session_open(actor=kader, posyandu=posyandu, held_on=month_ago(0, 1))
    assert created
    return s


def _record(session, child, actor=None, **kw):
    data = dict(measured_on=session.held_on, weight_kg="9.2", length_cm="76.5", position="l")
    data.update(kw)
    return services.measurement_record(actor=actor, session=session, person=child, **data)


def _msg(err, field):
    return " ".join(err.value.message_dict[field])


def test_session_counts_the_roster(session):
    assert (session.s_count, session.k_count) == (1, 1)


def test_grams_typed_as_kilograms(session, child):
    with pytest.raises(ValidationError) as err:
        _record(session, child, weight_kg="9200")
    assert "grams" in _msg(err, "weight_kg") and "9.20 kg" in _msg(err, "weight_kg")
    assert not Measurement.objects.exists()


def test_length_of_8_cm(session, child):
    with pytest.raises(ValidationError) as err:
        _record(session, child, length_cm="8")
    assert "8.0 cm" in _msg(err, "length_cm") or "8 cm" in _msg(err, "length_cm")


def test_length_needs_a_position_and_decimal_comma_is_read(session, child):
    with pytest.raises(ValidationError) as err:
        _record(session, child, position="")
    assert "lying or standing" in _msg(err, "position")
    m = _record(session, child, weight_kg="9,25")
    assert m.weight_kg == Decimal("9.25")


def test_implausible_values_need_confirmation(session, child):
    with pytest.raises(ValidationError) as err:
        _record(session, child, weight_kg="30")
    assert err.value.error_dict["weight_kg"][0].code == "implausible"
    assert _record(session, child, weight_kg="30", confirm_unusual=True).zwei > 5


def test_future_measurement_date(session, child):
    with pytest.raises(ValidationError):
        _record(session, child, measured_on="2999-01-01")


def test_duplicate_child_in_a_session(session, child):
    first = _record(session, child)
    # Same numbers again (a second entry of the same weighing): the same measurement.
    assert _record(session, child).pk == first.pk
    with pytest.raises(ValidationError) as err:
        _record(session, child, weight_kg="9.8")
    assert err.value.error_dict["person"][0].code == "conflict"
    assert "9.20 kg" in _msg(err, "person")
    assert Measurement.objects.count() == 1


def test_same_session_from_two_phones(posyandu, kader, child):
    phone_a, phone_b = uuid.uuid4(), uuid.uuid4()
    a, created_a = services.session_open(actor=kader, posyandu=posyandu,
                                         held_on=month_ago(0, 1), uuid=phone_a)
    b, created_b = services.session_open(actor=kader, posyandu=posyandu,
                                         held_on=month_ago(0, 1), uuid=phone_b)
    assert created_a and not created_b and a.pk == b.pk
    assert Session.objects.count() == 1
    # Phone B's id now finds the same session.
    again, _ = services.session_open(actor=kader, posyandu=posyandu, held_on=month_ago(0, 1),
                                     uuid=phone_b)
    assert again.pk == a.pk


def test_resending_a_measurement_is_idempotent_and_stale_edits_conflict(session, child):
    uid = uuid.uuid4()
    m = _record(session, child, uuid=uid)
    assert _record(session, child, uuid=uid).pk == m.pk
    edited = _record(session, child, uuid=uid, weight_kg="9.3", base_version=1)
    assert edited.version == 2 and edited.weight_kg == Decimal("9.30")
    with pytest.raises(ValidationError) as err:
        _record(session, child, uuid=uid, weight_kg="9.4", base_version=1)
    assert err.value.error_dict["weight_kg"][0].code == "conflict"


def test_unknown_field_is_refused(session, child):
    with pytest.raises(ValidationError) as err:
        _record(session, child, colour="red")
    assert "colour" in err.value.message_dict
