"""The register: NIK checks, duplicates, moves with history, ids from phones."""

import datetime
import uuid

import pytest
from django.core.exceptions import ValidationError

from terbuka.posyandu import services
from terbuka.posyandu.models import Membership

from .conftest import month_ago

pytestmark = pytest.mark.django_db


def _register(posyandu, **kw):
    data = dict(name="Budi", birth_date=datetime.date(2023, 3, 15), sex="L",
                mother_name="Wati")
    data.update(kw)
    return services.person_register(actor=None, posyandu=posyandu, **data)


def _message(err: ValidationError, field: str) -> str:
    return " ".join(err.value.message_dict[field])


def test_nik_structure_region_and_encoded_birth_date(posyandu):
    with pytest.raises(ValidationError) as err:
        _register(posyandu, nik="12345")
    assert "16 digits" in _message(err, "nik")
    with pytest.raises(ValidationError) as err:
        _register(posyandu, nik="9907011503230001")
    assert "99.07" in _message(err, "nik") and "kabupaten/kota" in _message(err, "nik")
    with pytest.raises(ValidationError) as err:
        _register(posyandu, nik="5207011603230001")
    assert "16-03-..23" in _message(err, "nik")
    with pytest.raises(ValidationError) as err:
        _register(posyandu, nik="5207015503230001")  # a girl's NIK for a boy
    assert "woman" in _message(err, "nik")
    person = _register(posyandu, nik="5207 0115 0323 0001")
    assert person.nik == "5207011503230001"
    assert Membership.objects.get(person=person).end is None


def test_future_birth_date_is_refused(posyandu):
    with pytest.raises(ValidationError) as err:
        _register(posyandu, birth_date=datetime.date.today() + datetime.timedelta(days=3))
    assert "future" in _message(err, "birth_date")


def test_duplicate_by_nik_names_the_existing_record(posyandu, other_posyandu):
    _register(posyandu, nik="5207011503230001")
    with pytest.raises(ValidationError) as err:
        _register(other_posyandu, name="Budi S", mother_name="X", nik="5207011503230001")
    assert err.value.error_dict["nik"][0].code == "unique"
    assert "Posyandu Mawar" in _message(err, "nik")


def test_duplicate_by_name_birth_date_and_mother(posyandu):
    _register(posyandu)
    with pytest.raises(ValidationError) as err:
        _register(posyandu, name="  budi ", mother_name="WATI")
    assert err.value.error_dict["name"][0].code == "unique"
    # Same name and birth date but another mother: twins of cousins happen.
    assert _register(posyandu, mother_name="Sari").pk


def test_same_phone_id_twice_is_one_person(posyandu):
    uid = uuid.uuid4()
    a = _register(posyandu, uuid=uid)
    b = _register(posyandu, uuid=str(uid))
    assert a.pk == b.pk


def test_move_keeps_history(posyandu, other_posyandu, child):
    with pytest.raises(ValidationError) as err:
        services.person_move(actor=None, person=child, to=other_posyandu, on=month_ago(1))
    assert "before" in err.value.message_dict["on"][0]
    today = datetime.date.today()
    services.person_move(actor=None, person=child, to=other_posyandu, on=today,
                         reason="pindah rumah")
    rows = list(Membership.objects.filter(person=child).order_by("id"))
    assert [(r.posyandu_id, r.end) for r in rows] == [
        (posyandu.pk, today), (other_posyandu.pk, None)]
    child.refresh_from_db()
    assert child.posyandu_id == other_posyandu.pk
    with pytest.raises(ValidationError):
        services.person_move(actor=None, person=child, to=other_posyandu)


def test_kader_and_household(posyandu, kader):
    k = services.kader_add(actor=None, posyandu=posyandu, name="Ibu Ani", role="ketua",
                           trained_on="2024-02-01", training="Pelatihan kader dasar")
    assert k.trained_on == datetime.date(2024, 2, 1)
    h = services.household_create(actor=kader, posyandu=posyandu, head_name="Pak Amir",
                                  no_kk="5207010101200001", dana_sehat=True)
    with pytest.raises(ValidationError) as err:
        services.household_create(actor=kader, posyandu=posyandu, head_name="Pak B",
                                  no_kk="5207010101200001")
    assert err.value.error_dict["no_kk"][0].code == "unique"
    assert h.dana_sehat
