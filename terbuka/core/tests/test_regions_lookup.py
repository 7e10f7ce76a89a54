"""Region lookups and code validation (regions.py, fields.py)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from terbuka.core import regions
from terbuka.core.fields import RegionCodeFormField, RegionCodeValidator
from terbuka.core.models import Place, PlaceKind, RegionLevel
from terbuka.core.tests.factories import BANGGAI, KSB, load_regions, make_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in their English msgids; the default language is Indonesian.
    with translation.override("en"):
        yield


@pytest.fixture
def ksb():
    load_regions(KSB)
    load_regions(BANGGAI)


def _message(exc_info) -> str:
    return " ".join(exc_info.value.messages)


# --- pure functions ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["52", "52.07", "52.07.01", "52.07.01.2001"])
def test_well_formed_codes(code):
    assert regions.is_well_formed(code)
    assert regions.level_of(code) == code.count(".") + 1


@pytest.mark.parametrize(
    "code", ["", "5", "520", "52.7", "52.07.1", "52.07.01.201", "52.07.01.20011", "52-07",
             " 52", "52.", "abc", None, 52, "52.07.01.2001.1", "５２"],
)
def test_malformed_codes(code):
    assert not regions.is_well_formed(code)


def test_ancestor_codes_and_within():
    assert regions.ancestor_codes("52.07.01.2001") == ["52", "52.07", "52.07.01"]
    assert regions.ancestor_codes("52") == []
    assert regions.is_within("52.07.01", "52.07")
    assert regions.is_within("52.07", "52.07")
    assert not regions.is_within("52.071", "52.07")  # a prefix of digits is not an ancestor
    assert not regions.is_within("72.01", "52")


# --- lookups ----------------------------------------------------------------------------------


def test_region_get(ksb):
    assert regions.region_get("52.07").name == "Kabupaten Sumbawa Barat"
    assert regions.region_get("52.99") is None
    assert regions.region_get("not a code") is None
    assert regions.region_get(None) is None


def test_children(ksb):
    kecamatan = list(regions.children("52.07"))
    assert kecamatan and all(r.level == RegionLevel.KECAMATAN for r in kecamatan)
    assert all(r.parent_id == "52.07" for r in kecamatan)
    assert {r.code for r in regions.children(None)} == {"52", "72"}
    assert list(regions.children("52.07.01.2001")) == []


def test_ancestors_in_one_query(ksb):
    with CaptureQueriesContext(connection) as ctx:
        chain = regions.ancestors("52.07.01.2001")
    assert len(ctx.captured_queries) == 1
    assert [r.code for r in chain] == ["52", "52.07", "52.07.01"]
    assert [r.code for r in regions.ancestors("52.07", include_self=True)] == ["52", "52.07"]
    assert regions.ancestors("52") == []
    assert regions.ancestors("bogus") == []


def test_desa_under_each_level(ksb):
    under_kab = regions.desa_under("52.07")
    assert under_kab.count() == 65  # KSB's desa/kelurahan in the shipped list
    assert all(r.level == RegionLevel.DESA_KELURAHAN and r.code.startswith("52.07.")
               for r in under_kab)
    assert regions.desa_under("52").count() == under_kab.count()  # only KSB of NTB is loaded
    kec = regions.desa_under("52.07.01")
    assert kec.exists() and all(r.kecamatan_code == "52.07.01" for r in kec)
    assert [r.code for r in regions.desa_under("52.07.01.2001")] == ["52.07.01.2001"]
    assert not regions.desa_under("72.01").filter(code__startswith="52").exists()
    assert list(regions.desa_under("junk")) == []


def test_desa_under_uses_the_denormalised_index(ksb):
    sql = str(regions.desa_under("52.07").query)
    assert "kabupaten_code" in sql and "LIKE" not in sql.upper()


def test_descendants(ksb):
    codes = {r.code for r in regions.descendants("52.07.01")}
    assert "52.07.01" not in codes and codes
    assert all(c.startswith("52.07.01.") for c in codes)
    assert not regions.descendants("52.07.01.2001").exists()


# --- validate_region_code ---------------------------------------------------------------------


def test_validate_returns_region(ksb):
    assert regions.validate_region_code(" 52.07.01 ").code == "52.07.01"


@pytest.mark.parametrize(
    ("code", "kwargs", "expected", "err_code"),
    [
        ("", {}, "A region code is required.", "required"),
        (None, {}, "A region code is required.", "required"),
        ("52.7", {}, "“52.7” is not a region code", "malformed"),
        ("52.07.01.201", {}, "“52.07.01.201” is not a region code", "malformed"),
        ("52.99", {}, "Region code 52.99 does not exist.", "unknown"),
        ("52.07", {"level": RegionLevel.DESA_KELURAHAN},
         "52.07 (Kabupaten Sumbawa Barat) is a kabupaten/kota; a desa/kelurahan is required.",
         "wrong_level"),
        ("52.07.01.2001", {"level": [RegionLevel.PROVINSI, RegionLevel.KABUPATEN_KOTA]},
         "is a desa/kelurahan; a provinsi or a kabupaten/kota is required.", "wrong_level"),
        ("72.01.01", {"within": "52.07"}, "Region 72.01.01", "outside"),
    ],
)
def test_validate_refuses_naming_the_code(ksb, code, kwargs, expected, err_code):
    with pytest.raises(ValidationError) as exc_info:
        regions.validate_region_code(code, **kwargs)
    assert expected in _message(exc_info)
    assert exc_info.value.code == err_code


def test_validate_within_a_region_names_both(ksb):
    ksb_region = regions.region_get("52.07")
    with pytest.raises(ValidationError) as exc_info:
        regions.validate_region_code("72.01", within=ksb_region)
    assert _message(exc_info) == (
        "Region 72.01 (Kabupaten Banggai) is outside Kabupaten Sumbawa Barat (52.07).")
    assert regions.validate_region_code("52.07.01", within=ksb_region).code == "52.07.01"


def test_validate_with_field_keys_the_error(ksb):
    with pytest.raises(ValidationError) as exc_info:
        regions.validate_region_code("52.99", field="region_code")
    assert exc_info.value.message_dict == {"region_code": ["Region code 52.99 does not exist."]}


# --- fields -----------------------------------------------------------------------------------


def test_model_field_validation_checks_level_and_names_the_code(ksb):
    pemda = make_pemda("ksb", KSB)
    place = Place(pemda=pemda, kind=PlaceKind.POSYANDU, name="Mawar", region_id="52.07.01")
    with pytest.raises(ValidationError) as exc_info:
        place.full_clean()
    assert "52.07.01 (Jereweh) is a kecamatan" in " ".join(exc_info.value.message_dict["region"])
    place.region_id = "52.07.01.9999"
    with pytest.raises(ValidationError) as exc_info:
        place.full_clean()
    assert exc_info.value.message_dict["region"] == ["Region code 52.07.01.9999 does not exist."]
    place.region_id = "52.07.01.2001"
    place.full_clean()


def test_model_form_uses_a_code_box_not_a_91k_select(ksb):
    class PlaceForm(forms.ModelForm):
        class Meta:
            model = Place
            fields = ["kind", "name", "region"]

    form = PlaceForm()
    assert isinstance(form.fields["region"], RegionCodeFormField)
    assert "<select" not in str(form["region"])
    bad = PlaceForm({"kind": "posyandu", "name": "Mawar", "region": "52.07"})
    assert not bad.is_valid()
    assert "52.07 (Kabupaten Sumbawa Barat) is a kabupaten/kota" in bad.errors["region"][0]
    good = PlaceForm({"kind": "posyandu", "name": "Mawar", "region": "52.07.01.2001"})
    assert good.is_valid(), good.errors
    assert good.cleaned_data["region"].code == "52.07.01.2001"


def test_form_field_within(ksb):
    field = RegionCodeFormField(within=regions.region_get("52.07"), required=False)
    assert field.clean("") is None
    assert field.clean("52.07.01").code == "52.07.01"
    with pytest.raises(ValidationError, match="outside"):
        field.clean("72.01.01")


def test_validator_for_plain_char_fields(ksb):
    validator = RegionCodeValidator(levels=[RegionLevel.KECAMATAN])
    validator("52.07.01")
    validator("")
    with pytest.raises(ValidationError, match="52.07.01.2001"):
        validator("52.07.01.2001")
    with pytest.raises(ValidationError, match="does not exist"):
        validator("52.07.77")
