"""The register refuses a person twice and unknown categories, and saves nothing half-way."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from terbuka.sosial import codelists, services
from terbuka.sosial.models import Case, Person, PmksCategory

from .conftest import DESA, TODAY, register

pytestmark = pytest.mark.django_db


def test_the_26_pmks_categories_of_permensos_08_2012_are_loaded():
    loaded = PmksCategory.objects.filter(version=codelists.PMKS_VERSION)
    assert loaded.count() == 26 == len(codelists.PMKS_2012)
    assert loaded.get(code="24").name == "Fakir Miskin"
    assert {c for c, _ in codelists.PMKS_2012} == set(loaded.values_list("code", flat=True))


def test_person_registered_twice_is_refused(ksb):
    register(ksb)
    with pytest.raises(ValidationError) as err:  # same NIK
        services.person_register(actor=None, pemda=ksb, name="Marni", sex="P", desa=DESA,
                                 nik="5207014107500001")
    assert err.value.error_dict["nik"][0].code == "unique"
    with pytest.raises(ValidationError) as err:  # no NIK: same name, birth date and desa
        services.person_register(actor=None, pemda=ksb, name="inaq marni", sex="P", desa=DESA,
                                 birth_date="1950-07-01")
    assert "already registered" in str(err.value)
    assert Person.objects.count() == 1


def test_unknown_category_and_missing_disability_type_are_refused(ksb):
    person = services.person_register(actor=None, pemda=ksb, name="Amaq Jun", sex="L",
                                      desa=DESA)
    with pytest.raises(ValidationError) as err:
        services.case_open(actor=None, person=person, categories=["27"], found_by="desa",
                           found_on=TODAY)
    assert "Unknown PMKS category: 27" in str(err.value)
    with pytest.raises(ValidationError) as err:
        services.case_open(actor=None, person=person, categories=["09"], found_by="desa",
                           found_on=TODAY)
    assert "disability_type" in err.value.message_dict
    case = services.case_open(actor=None, person=person, categories=["09", "24"],
                              found_by="desa", found_on=TODAY, disability_type="netra")
    assert sorted(case.categories.values_list("code", flat=True)) == ["09", "24"]
    with pytest.raises(ValidationError) as err:
        services.case_open(actor=None, person=person, categories=["24"], found_by="desa",
                           found_on=TODAY)
    assert "open case" in str(err.value)


def test_a_refused_case_leaves_no_person_behind(ksb):
    with pytest.raises(ValidationError), transaction.atomic():
        person = services.person_register(actor=None, pemda=ksb, name="Lalu Udin", sex="L",
                                          desa=DESA)
        services.case_open(actor=None, person=person, categories=["99"], found_by="kader",
                           found_on=TODAY)
    assert not Person.objects.exists() and not Case.objects.exists()


def test_bad_person_fields(ksb):
    for fields in ({"nik": "123"}, {"desa": "72.01.04.2008"}, {"sex": "X"},
                   {"birth_date": "2999-01-01"}, {"name": ""}):
        data = {"name": "A", "sex": "L", "desa": DESA, **fields}
        with pytest.raises(ValidationError):
            services.person_register(actor=None, pemda=ksb, **data)
    assert not Person.objects.exists()
