"""In a real browser: a plan goes from orientation to submission, with a citizen's comment in the
uji publik and the secretariat's reasoned response; a commitment shows a live indicator from
another module; the public pages fit a 360 px phone. Skips when Chromium or Playwright is
absent."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from terbuka.core import indicators
from terbuka.core.tests.factories import NTB, make_pemda, make_user
from terbuka.rencanaaksi import services
from terbuka.rencanaaksi.models import PlanStatus

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "rahasia-sekretariat-1"  # noqa: S105

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEPS = [("orientation", "2021-03-15"), ("secretariat", "2021-03-29"),
         ("working_team", "2021-04-12"), ("draft_workshop", "2021-04-21"),
         ("plan_workshop", "2021-05-27")]


@pytest.fixture
def world():
    ntb = make_pemda("ntb", NTB, subtree=False)
    make_user("sek_ntb", role="sekretariat_ogp", pemda=ntb, password=PASSWORD)
    plan = services.plan_create(
        actor=None, pemda=ntb, title="Rencana Aksi OGP Lokal NTB 2021-2023",
        period_start=dt.date(2021, 8, 1), period_end=dt.date(2023, 12, 31),
        vision="NTB terbuka.", ogp_values=["public_accountability"])
    commitment = services.commitment_create(
        actor=None, plan=plan, pemda=ntb, title="Meningkatkan kualitas NTB Care",
        start=dt.date(2021, 8, 1), end=dt.date(2023, 12, 31), ogp_id="IDWNT0002")
    services.milestones_set(actor=None, commitment=commitment, milestones=[
        {"title": "Integrasi kanal", "owner": "Diskominfotik", "start": "2021-08-01",
         "end": "2022-06-30", "weight": 50},
        {"title": "Standar waktu tindak lanjut", "owner": "Biro Organisasi",
         "start": "2022-07-01", "end": "2023-12-31", "weight": 50}])
    return ntb, plan, commitment


def _login(page, base, next_url):
    page.goto(f"{base}{reverse('accounts:login')}?next={next_url}")
    page.fill("#id_username", "sek_ntb")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"{base}{next_url}")


def _record_step(page, base, manage, step, date, *, expect_ok=True):
    page.locator(f"a[href$='/langkah/{step}/']").click()
    page.fill("#id_held_on", date)
    page.fill("#id_place", "Kantor Bappeda NTB")
    page.fill("#id_minutes", f"Notulen rapat {step}.")
    page.fill("#id_p-0-organisation", "Bappeda NTB")
    page.select_option("#id_p-0-sector", "government")
    page.fill("#id_p-0-women", "3")
    page.fill("#id_p-0-men", "4")
    page.fill("#id_p-1-organisation", "SOMASI NTB")
    page.select_option("#id_p-1-sector", "civil_society")
    page.fill("#id_p-1-women", "2")
    page.fill("#id_p-1-men", "1")
    page.locator("main form button.primary").click()
    if expect_ok:
        page.wait_for_url(f"{base}{manage}")


def test_plan_goes_from_orientation_to_submission(browser, live_server, world):
    ntb, plan, commitment = world
    base = live_server.url
    manage = f"/ntb/rencana-aksi/{plan.slug}/kelola/"
    public = f"/ntb/rencana-aksi/{plan.slug}/uji-publik/"
    staff = browser.new_page(viewport={"width": 1024, "height": 900})
    staff.set_default_timeout(15_000)
    _login(staff, base, manage)

    for step, date in STEPS:
        _record_step(staff, base, manage, step, date)
    staff.fill("#id_draft_text", "Visi: NTB terbuka.\n\nMisi: pengaduan ditindaklanjuti.")
    staff.locator("main form button.primary").click()
    staff.wait_for_url(f"{base}{manage}")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONSULTATION

    # A citizen, not logged in, comments on the second paragraph (on a phone).
    citizen = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    citizen.set_default_timeout(15_000)
    citizen.goto(f"{base}{public}")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    citizen.locator("#p2 a[href='?anchor=p2#comment-form']").click()
    assert citizen.locator("#id_anchor").input_value() == "p2"
    citizen.select_option("#id_stance", "oppose")
    citizen.fill("#id_body", "Tambahkan batas waktu tindak lanjut lima hari kerja.")
    citizen.fill("#id_author_name", "Rina")
    citizen.fill("#id_organisation", "Warga Mataram")
    citizen.locator("#comment-form ~ form button.primary, main form button.primary").last.click()
    citizen.wait_for_load_state()
    comment_box = citizen.locator("#p2 .ra-comment")
    assert "Tambahkan batas waktu" in comment_box.inner_text()
    assert citizen.locator("#p2 .ra-response.pending").is_visible()

    # The secretariat closes the consultation; adoption is refused while the comment is open.
    staff.goto(f"{base}{manage}")
    _record_step(staff, base, manage, "consultation", "2021-06-27")
    _record_step(staff, base, manage, "adoption", "2021-07-27", expect_ok=False)
    error = staff.locator(".errorlist").first
    assert "1" in error.inner_text()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CONSULTATION

    # Respond: an empty reason is refused beside the field, then a reasoned response.
    staff.goto(f"{base}{manage}")
    staff.locator("a[href*='/tanggapan/']").first.click()
    staff.select_option("#id_verdict", "partly")
    staff.locator("main form button.primary").click()
    assert staff.locator("#id_reason_error").is_visible()
    staff.fill("#id_reason", "Batas waktu lima hari kerja masuk tonggak 2; sanksi tidak, "
                             "karena di luar kewenangan Pergub.")
    staff.locator("main form button.primary").click()
    staff.wait_for_url(f"{base}{manage}")

    _record_step(staff, base, manage, "adoption", "2021-07-27")
    _record_step(staff, base, manage, "submission", "2021-08-06")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert str(plan.submitted_at) == "2021-08-06"

    # The record stays public: the comment and its reasoned response, on the phone.
    citizen.goto(f"{base}{public}")
    response_box = citizen.locator("#p2 .ra-response").first
    assert "lima hari kerja masuk tonggak 2" in response_box.inner_text()
    assert citizen.locator("#comment-form").count() == 0  # closed: no more comments
    citizen.goto(f"{base}/ntb/rencana-aksi/{plan.slug}/")
    assert citizen.locator(".ra-timeline li.done").count() == 8
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 360
    shots = settings.DATA_DIR / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    citizen.screenshot(path=str(shots / "rencanaaksi-plan-360.png"), full_page=True)


def test_commitment_shows_a_live_indicator(browser, live_server, world):
    ntb, plan, commitment = world
    indicators.register(indicators.Indicator(
        key="fakeaduan.on_time", module="fakeaduan", label="Aduan ditindaklanjuti tepat waktu",
        unit="%", compute=lambda pemda, start, end: 50.0 + start.month))
    try:
        services.indicator_link(actor=None, commitment=commitment, key="fakeaduan.on_time",
                                target=90)
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/ntb/rencana-aksi/komitmen/{commitment.pk}/")
        section = page.locator("section[aria-labelledby=live]")
        assert "Aduan ditindaklanjuti tepat waktu" in section.inner_text()
        rows = section.locator("tbody tr")
        assert rows.count() == 12  # the last twelve months up to today
        today = timezone.localdate()
        last = rows.last.inner_text()
        value = f"{50 + today.month:.1f}"
        assert f"{today:%Y-%m}" in last and (value in last or value.replace(".", ",") in last)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        shots = settings.DATA_DIR / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "rencanaaksi-commitment-360.png"), full_page=True)
    finally:
        indicators._indicators.pop("fakeaduan.on_time", None)
