"""The kader app in a real Chromium: the JS port of the WHO rules agrees with the Python
engine, and a kader records a session with the network cut, sees z-scores and the KMS point
at once, and syncs later without duplicates (a second phone's different entry is shown as a
conflict)."""

import datetime

import numpy as np
import pytest
from django.conf import settings
from django.test import Client

from terbuka.core.models import PlaceKind
from terbuka.core.tests.factories import first_desa, make_pemda, make_place, make_user
from terbuka.growth import compute
from terbuka.posyandu import services
from terbuka.posyandu.models import Measurement, Person, Session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _wait(page, expression: str, seconds: float = 20) -> None:
    """Poll `expression` from the test: page.wait_for_function evaluates a string inside the
    page, which the Content-Security-Policy (no 'unsafe-eval') forbids."""
    for _ in range(int(seconds * 10)):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")


@pytest.fixture
def world():
    pemda = make_pemda("ksb", "52.07")
    desa = first_desa("52.07")
    dusun = make_place(pemda, "Dusun Mawar", kind=PlaceKind.DUSUN, region_code=desa)
    place = make_place(pemda, "Posyandu Mawar", region_code=desa, parent=dusun)
    posyandu = services.posyandu_create(actor=None, place=place)
    today = datetime.date.today()
    child = services.person_register(actor=None, posyandu=posyandu, name="Siti Aminah",
                                     birth_date=today - datetime.timedelta(days=400), sex="P",
                                     mother_name="Nur")
    # Last month's weighing, so this month's status is N or T.
    last = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=5)
    s, _ = services.session_open(actor=None, posyandu=posyandu, held_on=last)
    services.measurement_record(actor=None, session=s, person=child, measured_on=last,
                                weight_kg="8.6", length_cm="74.0", position="l")
    kader = make_user("kader_mawar", role="kader_posyandu", place=place)
    return {"pemda": pemda, "posyandu": posyandu, "child": child, "kader": kader}


def _context(browser, live_server, user):
    client = Client()
    client.force_login(user)
    # bypass_csp lets Playwright evaluate its own probes; the app itself runs under the CSP.
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                  service_workers="allow", bypass_csp=True)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])
    return context


def test_js_zscores_agree_with_the_python_engine(browser, live_server, world):
    rng = np.random.default_rng(7)
    n = 400
    sex = rng.choice(["L", "P"], n)
    age = rng.integers(0, 1856, n)
    measure = rng.choice(["l", "h", ""], n, p=[0.45, 0.45, 0.1])
    lenhei = np.round(rng.uniform(48, 118, n), 1)
    weight = np.round(rng.uniform(2.5, 24, n), 2)
    py = compute(sex=sex.astype(object), age_days=age.astype(float), weight=weight,
                 lenhei=lenhei, measure=np.where(measure == "", None, measure).astype(object),
                 oedema=np.array(["n"] * n, dtype=object))
    context = _context(browser, live_server, world["kader"])
    page = context.new_page()
    page.goto(f"{live_server.url}/ksb/posyandu/kader/")
    _wait(page, "window.TerbukaGrowth && window.TerbukaGrowth.loaded()")
    records = [{"sex": str(sex[i]), "ageDays": int(age[i]), "weight": float(weight[i]),
                "lenhei": float(lenhei[i]), "measure": str(measure[i])} for i in range(n)]
    js = page.evaluate("(rs) => rs.map((r) => window.TerbukaGrowth.compute(r))", records)
    mismatches = []
    for name, cat in (("zwei", "kategori_bb_u"), ("zlen", "kategori_pb_tb_u"),
                      ("zwfl", "kategori_bb_pb_tb")):
        for i in range(n):
            p = py[name][i]
            j = js[i][name]
            if np.isnan(p):
                assert j is None, (name, records[i], j)
                continue
            assert j is not None, (name, records[i], p)
            if j != p:
                mismatches.append((name, records[i], p, j))
            assert abs(j - p) <= 0.0100001, (name, records[i], p, j)
            assert js[i][cat] == py[cat][i], (name, records[i])
    # Last-bit differences between C's and V8's pow() can move a value sitting on a rounding
    # tie by 0.01; anything more frequent would be a real difference in the rules.
    assert len(mismatches) <= 3, mismatches
    context.close()


def test_kader_records_a_session_offline_and_syncs(browser, live_server, world):
    posyandu, child = world["posyandu"], world["child"]
    context = _context(browser, live_server, world["kader"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    app = f"{live_server.url}/ksb/posyandu/kader/"
    page.goto(app)
    _wait(page, "navigator.serviceWorker.ready.then(() => true)")
    page.get_by_role("button", name="Unduh register").click()
    page.get_by_text("1 anak").wait_for()
    # Reload once so the service worker controls the page, then cut the network.
    page.reload()
    _wait(page, "navigator.serviceWorker.controller !== null")
    context.set_offline(True)
    page.reload()
    page.get_by_text("offline").first.wait_for()
    page.get_by_text("1 anak").wait_for()

    page.get_by_role("button", name="Mulai sesi").click()
    page.get_by_role("button", name="Ukur Siti Aminah").click()
    # Grams typed as kilograms are caught at once, offline too.
    page.get_by_label("Berat (kg)").fill("9100")
    page.get_by_text("gram").first.wait_for()
    page.get_by_label("Berat (kg)").fill("9.1")
    page.get_by_label("Panjang/tinggi (cm)").fill("75.5")
    page.get_by_label("Diukur").select_option("l")
    page.get_by_role("button", name="Simpan").click()
    page.locator("#growth-status").wait_for()
    assert page.locator("#growth-status").inner_text() == "N"  # +500 g >= KBM 200 g
    assert page.locator(".kms-mini .kms-point").count() == 2
    expected = compute(sex="P", age_days=float((datetime.date.today() - child.birth_date).days),
                       weight=9.1, lenhei=75.5, measure="l", oedema="n")["zwei"][0]
    assert f"{expected:.2f}" in page.locator("#result").inner_text()

    # A new child, added offline.
    page.get_by_text("Tambah anak").click()
    page.get_by_label("Nama", exact=True).fill("Bayu Putra")
    page.get_by_label("Tanggal lahir").fill((datetime.date.today()
                                              - datetime.timedelta(days=200)).isoformat())
    page.get_by_label("Nama ibu").fill("Rina")
    page.get_by_role("button", name="Tambahkan anak").click()
    page.get_by_role("button", name="Ukur Bayu Putra").click()
    page.get_by_label("Berat (kg)").fill("7.2")
    page.get_by_role("button", name="Simpan").click()
    page.locator("#growth-status").wait_for()

    page.get_by_role("button", name="Sinkronkan sekarang").click()
    page.get_by_text("Masih offline").wait_for()
    assert Measurement.objects.filter(month=datetime.date.today().replace(day=1)).count() == 0

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.get_by_role("button", name="Sinkronkan sekarang").click()
    page.get_by_text("entri terkirim").wait_for()
    month = datetime.date.today().replace(day=1)
    assert Session.objects.filter(posyandu=posyandu, month=month).count() == 1
    m = Measurement.objects.get(person=child, month=month)
    assert (float(m.weight_kg), m.growth_status) == (9.1, "N")
    bayu = Person.objects.get(name="Bayu Putra")
    assert Measurement.objects.filter(person=bayu).count() == 1

    # Syncing again sends nothing twice.
    page.get_by_role("button", name="Sinkronkan sekarang").click()
    page.get_by_text("Tidak ada yang dikirim").wait_for()
    assert Measurement.objects.filter(month=month).count() == 2

    # A second phone records the same session with another weight: a conflict, shown.
    other = context.new_page()
    other.goto(app)
    other.evaluate("indexedDB.deleteDatabase('terbuka-posyandu')")
    other.close()
    context2 = _context(browser, live_server, world["kader"])
    phone2 = context2.new_page()
    phone2.set_default_timeout(15_000)
    phone2.goto(app)
    phone2.get_by_role("button", name="Unduh register").click()
    phone2.get_by_text("2 anak").wait_for()
    phone2.get_by_role("button", name="Mulai sesi").click()
    phone2.get_by_role("button", name="Ukur Siti Aminah").click()
    phone2.get_by_label("Berat (kg)").fill("9.4")
    phone2.get_by_role("button", name="Simpan").click()
    phone2.get_by_role("button", name="Sinkronkan sekarang").click()
    phone2.locator(".problem.conflict").wait_for()
    assert "9.10" in phone2.locator(".problem.conflict").inner_text()
    assert Measurement.objects.filter(month=month).count() == 2
    assert Session.objects.filter(posyandu=posyandu, month=month).count() == 1
    context2.close()
    context.close()
