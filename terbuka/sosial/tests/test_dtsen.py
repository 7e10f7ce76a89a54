"""DTSEN deciles come in as CSV; a bad line refuses the whole file."""

import pytest
from django.core.exceptions import ValidationError

from terbuka.sosial import services
from terbuka.sosial.models import Household

from .conftest import TODAY, register

pytestmark = pytest.mark.django_db


def test_import_sets_deciles_and_skips_people_not_in_the_register(ksb):
    case = register(ksb)
    csv_text = "nik;desil\n5207014107500001;2\n9999999999999999;1\n"
    result = services.dtsen_import(actor=None, pemda=ksb, text=csv_text, as_of=TODAY)
    assert result == {"updated": 1, "skipped": 1}
    household = Household.objects.get(pk=case.person.household_id)
    assert household.dtsen_decile == 2 and household.dtsen_updated_on == TODAY


def test_a_bad_line_refuses_the_whole_file(ksb):
    case = register(ksb)
    with pytest.raises(ValidationError) as err:
        services.dtsen_import(actor=None, pemda=ksb, as_of=TODAY,
                              text="nik,desil\n5207014107500001,3\n5207014107500001,11\n")
    assert "line 3" in str(err.value)
    assert Household.objects.get(pk=case.person.household_id).dtsen_decile is None
    with pytest.raises(ValidationError):
        services.dtsen_import(actor=None, pemda=ksb, as_of=TODAY, text="nama,umur\nx,1\n")
