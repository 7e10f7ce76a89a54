"""Yard integrated farming: households, plots, harvests and their use, rolled up per desa."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from terbuka.core.regions import desa_under
from terbuka.core.tests.factories import BANGGAI
from terbuka.lingkungan import rollup, selectors, services
from terbuka.lingkungan.models import Harvest

from .conftest import TODAY


def test_rollup_adds_up_per_desa_without_django():
    households = [
        {"id": 1, "region_code": "A", "members": 4, "women_headed": True, "has_disability": False},
        {"id": 2, "region_code": "A", "members": 3, "women_headed": False, "has_disability": True},
        {"id": 3, "region_code": "B", "members": 5, "women_headed": True, "has_disability": True},
    ]
    harvests = [
        {"household_id": 1, "unit": "kg", "amount": "10", "eaten": "6", "sold": "3",
         "shared": "1", "sold_value": "15000"},
        {"household_id": 2, "unit": "kg", "amount": "2.5", "eaten": "2.5", "sold": "0",
         "shared": "0", "sold_value": "0"},
        {"household_id": 3, "unit": "butir", "amount": "30", "eaten": "10", "sold": "20",
         "shared": "0", "sold_value": "40000"},
        {"household_id": 99, "unit": "kg", "amount": "5", "eaten": "5", "sold": "0",
         "shared": "0", "sold_value": "0"},
    ]
    out = rollup.by_desa(households, [{"household_id": 1, "area_m2": "25.5"},
                                      {"household_id": 2, "area_m2": "10"}],
                         [{"household_id": 1, "kind": "sayur"}, {"household_id": 2,
                                                                  "kind": "sayur"}],
                         harvests, [{"household_id": 3}])
    a, b = out
    assert (a.region_code, a.households, a.women_headed, a.with_disability, a.members) == (
        "A", 2, 1, 1, 7)
    assert a.plot_area_m2 == Decimal("35.5") and a.components == {"sayur": 2}
    assert (a.harvest_kg, a.eaten_kg, a.sold_kg, a.shared_kg) == (
        Decimal("12.5"), Decimal("8.5"), Decimal("3"), Decimal("1"))
    # Eggs are not kilograms: counted in sales value, not in the harvest weight.
    assert (b.harvest_kg, b.sold_value, b.visits) == (0, Decimal("40000"), 1)


@pytest.fixture
def two_desa(banggai):
    desa = list(desa_under(BANGGAI).order_by("code")[:2])
    return [d.code for d in desa]


def _household(pemda, code, **kw):
    h = services.household_register(actor=None, pemda=pemda, region_code=code,
                                    head_name=kw.pop("name", "Ibu Nur"),
                                    joined=TODAY() - datetime.timedelta(days=100), **kw)
    plot = services.plot_add(actor=None, household=h, area_m2="20",
                             components=["sayur", "unggas"])
    return h, {c.kind: c for c in plot.components.all()}


def test_harvests_roll_up_per_desa_from_the_database(banggai, two_desa, pengelola):
    a, b = two_desa
    h1, c1 = _household(banggai, a, women_headed=True, members=4)
    _h2, c2 = _household(banggai, a, has_disability=True)
    _h3, c3 = _household(banggai, b)
    services.harvest_record(actor=pengelola, component=c1["sayur"], date=TODAY(),
                            commodity="Kangkung", amount="4.5", eaten="3", sold="1",
                            shared="0.5", sold_value="5000")
    services.harvest_record(actor=None, component=c2["sayur"], date=TODAY(), commodity="Cabai",
                            amount="1.2", eaten="1.2")
    services.harvest_record(actor=None, component=c3["unggas"], date=TODAY(),
                            commodity="Telur", unit="butir", amount="20", sold="20",
                            sold_value="36000")
    services.visit_record(actor=None, household=h1, date=TODAY(), officer="Pak Anwar",
                          topic="Pembuatan kompos")
    rows = {r.region_code: r for r in selectors.pekarangan_by_desa(banggai)}
    assert rows[a].households == 2 and rows[a].women_headed == 1
    assert rows[a].with_disability == 1 and rows[a].plot_area_m2 == 40
    assert rows[a].harvest_kg == Decimal("5.7") and rows[a].sold_kg == 1
    assert rows[a].visits == 1 and rows[a].components == {"sayur": 2, "unggas": 2}
    assert rows[b].harvest_kg == 0 and rows[b].sold_value == 36000
    # A period that ends before the harvests leaves them out.
    before = {r.region_code: r for r in selectors.pekarangan_by_desa(
        banggai, end=TODAY() - datetime.timedelta(days=1))}
    assert before[a].harvest_kg == 0 and before[a].households == 2


def test_harvest_uses_must_add_up_and_nothing_negative(banggai, two_desa):
    _h, comps = _household(banggai, two_desa[0])
    with pytest.raises(ValidationError) as err:
        services.harvest_record(actor=None, component=comps["sayur"], date=TODAY(),
                                commodity="Bayam", amount="3", eaten="1", sold="1")
    assert "add up to 2.000, not to the harvest of 3.000" in str(err.value)
    with pytest.raises(ValidationError) as err:
        services.harvest_record(actor=None, component=comps["sayur"], date=TODAY(),
                                commodity="Bayam", amount="-3", eaten="-3")
    assert "negative" in str(err.value.message_dict["amount"])
    with pytest.raises(ValidationError):
        services.plot_add(actor=None, household=_h, area_m2="0")
    with pytest.raises(ValidationError):
        services.plot_add(actor=None, household=_h, area_m2="5", components=["sayur", "sayur"])
    assert not Harvest.objects.exists()


def test_household_outside_the_pemda_is_refused(banggai):
    with pytest.raises(ValidationError):
        services.household_register(actor=None, pemda=banggai, region_code="52.07.02.2001",
                                    head_name="X", joined=TODAY())
