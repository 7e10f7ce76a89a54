"""`load_demo` builds the three demo pemda through the services, and is safe to run again."""

import json
from importlib import resources
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from terbuka.accounts.models import User
from terbuka.core import policy, registry
from terbuka.core.demo import DEMO_PASSWORD, PEMDA, ROLE_USERNAMES, demo_user, load_demo
from terbuka.core.models import (
    AuditEvent,
    Opd,
    OpdKind,
    Pemda,
    Place,
    PlaceKind,
    Region,
    RegionLevel,
    Role,
    RoleAssignment,
    UnitLayanan,
)
from terbuka.core.policy import Target
from terbuka.core.tasks import summary_cache_key
from terbuka.core.tests.factories import load_regions


@pytest.fixture
def regions(db):
    load_regions("52", "72.01")


def sourced_opd() -> dict[str, list[dict]]:
    path = resources.files("terbuka.core").joinpath("data/ogp_local_opd.json")
    return json.loads(path.read_text("utf-8"))["pemda"]


def kecamatan_count(code: str) -> int:
    return Region.objects.filter(kabupaten_code=code, level=RegionLevel.KECAMATAN).count()


def test_creates_the_three_pemda_over_their_regions(regions):
    load_demo(modules=())

    assert dict(Pemda.objects.values_list("slug", "region_id")) == {
        "ntb": "52", "ksb": "52.07", "banggai": "72.01",
    }
    assert Pemda.objects.get(slug="ksb").website == "https://sumbawabaratkab.go.id"


def test_opd_come_from_the_shipped_list_plus_kecamatan_offices(regions):
    load_demo(modules=())
    data = sourced_opd()

    for slug, code in (("ntb", "52"), ("ksb", "52.07"), ("banggai", "72.01")):
        pemda = Pemda.objects.get(slug=slug)
        names = set(Opd.objects.filter(pemda=pemda).exclude(kind=OpdKind.KECAMATAN)
                    .values_list("name", flat=True))
        assert names == {row["name"] for row in data[slug]}
        offices = Opd.objects.filter(pemda=pemda, kind=OpdKind.KECAMATAN)
        expected = 0 if slug == "ntb" else kecamatan_count(code)
        assert offices.count() == expected
        assert all(o.region.parent_id == code for o in offices)
    setda = Opd.objects.get(pemda__slug="banggai", acronym="Setda")
    assert Opd.objects.get(name="Bagian Hukum Setda Banggai").parent == setda
    assert kecamatan_count("72.01") == 24


def test_places_sit_in_real_desa_of_their_pemda(regions):
    load_demo(modules=())

    for spec in PEMDA:
        places = Place.objects.filter(pemda__slug=spec.slug)
        assert places.filter(kind=PlaceKind.DUSUN).count() == len(spec.places)
        assert places.filter(kind=PlaceKind.POSYANDU).count() == sum(
            len(p[2]) for p in spec.places
        )
        for place in places.select_related("region"):
            assert place.region.level == RegionLevel.DESA_KELURAHAN
            assert place.region.code.startswith(spec.region_code + ".")
        for posyandu in places.filter(kind=PlaceKind.POSYANDU):
            assert posyandu.parent.kind == PlaceKind.DUSUN
    assert UnitLayanan.objects.filter(opd__pemda__slug="ksb", name="Puskesmas Maluk").exists()


def test_one_account_per_role_per_pemda_with_the_demo_password(regions):
    report = load_demo(modules=())

    assert len(report.accounts) == len(PEMDA) * len(Role)
    for spec in PEMDA:
        for role in Role:
            user = User.objects.get(username=f"{spec.slug}.{ROLE_USERNAMES[role]}")
            assert user.check_password(DEMO_PASSWORD)
            (held,) = RoleAssignment.objects.filter(user=user, is_active=True)
            assert (held.role, held.pemda.slug) == (role, spec.slug)
    kader = RoleAssignment.objects.get(user__username="ksb.kader")
    assert kader.place.kind == PlaceKind.POSYANDU
    assert RoleAssignment.objects.get(user__username="banggai.produsen").opd.acronym == "Dinkes"
    assert RoleAssignment.objects.get(user__username="ntb.nakes").region.level == (
        RegionLevel.KECAMATAN
    )


def test_demo_admins_act_in_their_own_pemda_only(regions):
    load_demo(modules=())
    ksb, banggai = Pemda.objects.get(slug="ksb"), Pemda.objects.get(slug="banggai")
    admin = demo_user(ksb, Role.ADMIN_PEMDA)

    assert policy.can(admin, "core.opd.create", Target(pemda_id=ksb.pk))
    assert not policy.can(admin, "core.opd.create", Target(pemda_id=banggai.pk))
    assert not policy.can(demo_user(ksb, Role.WARGA), "core.opd.create", Target(pemda_id=ksb.pk))


def test_writes_are_audited_as_the_system(regions):
    load_demo(modules=())

    events = AuditEvent.objects.filter(pemda__slug="ksb")
    assert events.filter(object_type="core.opd").count() == Opd.objects.filter(
        pemda__slug="ksb"
    ).count()
    assert set(events.values_list("actor_id", flat=True)) == {None}


def test_running_again_adds_nothing(regions):
    load_demo(modules=())
    counts = [m.objects.count() for m in (Pemda, Opd, Place, UnitLayanan, User, RoleAssignment)]
    audited = AuditEvent.objects.count()

    report = load_demo(modules=())

    assert [m.objects.count() for m in (
        Pemda, Opd, Place, UnitLayanan, User, RoleAssignment
    )] == counts
    assert AuditEvent.objects.count() == audited
    assert report.created == {}
    assert len(report.accounts) == len(PEMDA) * len(Role)


def test_calls_every_module_demo_loader_per_pemda(regions, monkeypatch):
    seen = []
    monkeypatch.setitem(
        registry._modules, "demo_probe",
        registry.Module(name="demo_probe", label="Probe",
                        demo_loader=lambda pemda, stdout: seen.append(pemda.slug)),
    )
    load_demo(modules=["demo_probe"])

    assert sorted(seen) == ["banggai", "ksb", "ntb"]


def test_queues_the_summary_refresh_after_commit(regions, django_capture_on_commit_callbacks):
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(modules=())

    ksb = Pemda.objects.get(slug="ksb")
    assert cache.get(summary_cache_key(ksb.pk))["kecamatan"] == 8


def test_command_prints_every_account(regions):
    out = StringIO()
    call_command("load_demo", modules="", stdout=out)
    text = out.getvalue()

    for spec in PEMDA:
        for suffix in ROLE_USERNAMES.values():
            assert f"{spec.slug}.{suffix} " in text
    assert DEMO_PASSWORD in text
    assert "Posyandu" in text and "OPD Dinkes" in text
    assert "/akun/masuk/" in text


@pytest.mark.django_db
def test_refuses_without_regions():
    with pytest.raises(CommandError, match="terbuka load_regions"):
        call_command("load_demo", stdout=StringIO())
    assert not Pemda.objects.exists()


def test_refuses_in_production(regions, settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()
