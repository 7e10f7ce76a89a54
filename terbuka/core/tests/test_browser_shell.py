"""One real browser pass over the web shell: Debian's Chromium driven by Playwright against the
live test server. Skips (with the reason) when Chromium or Playwright is not installed."""


import pytest
from django.conf import settings

from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_opd, make_pemda, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ksb():
    pemda = make_pemda(
        "ksb", "52.07", contact_email="diskominfo@ksb.example", contact_phone="0372 81234",
        address="Jl. Bung Karno No. 1, Taliwang", tagline="Pemerintahan yang terbuka",
    )
    make_opd(pemda, "Dinas Kesehatan", acronym="DIKES")
    return pemda


def test_admin_logs_in_switches_to_english_and_opens_the_audit_log(browser, live_server, ksb):
    make_user("admin_ksb", role="admin_pemda", pemda=ksb, password="rahasia-admin-123",
              email="admin@ksb.example")
    AuditEvent.objects.create(actor_label="system", pemda=ksb, action="core.opd.create",
                              object_type="core.opd", object_id="1", object_repr="DIKES")
    page = browser.new_page(viewport={"width": 1024, "height": 800}, locale="id-ID")
    page.set_default_timeout(15_000)

    page.goto(f"{live_server.url}/ksb/")
    page.get_by_role("link", name="Masuk").click()
    page.get_by_label("Nama pengguna atau e-mail").fill("admin_ksb")
    page.get_by_label("Kata sandi").fill("rahasia-admin-123")
    page.get_by_role("button", name="Masuk").click()

    # Back on the pemda page, in Indonesian, with the staff menu for this role.
    page.wait_for_url(f"{live_server.url}/ksb/")
    assert page.locator("html").get_attribute("lang") == "id"
    nav = page.get_by_role("navigation", name="Menu utama")
    assert nav.get_by_role("link", name="Perangkat daerah").is_visible()
    assert nav.get_by_role("link", name="Log audit").is_visible()

    page.get_by_role("button", name="EN").click()
    page.wait_for_url(f"{live_server.url}/ksb/")
    assert page.locator("html").get_attribute("lang") == "en"
    nav = page.get_by_role("navigation", name="Main menu")
    assert nav.get_by_role("link", name="Regional work units").is_visible()
    assert nav.get_by_role("link", name="Home").is_visible()
    audit_link = nav.get_by_role("link", name="Audit log")
    assert audit_link.is_visible()
    assert page.get_by_role("link", name="My account").is_visible()
    assert page.get_by_role("button", name="Log out").is_visible()

    audit_link.click()
    page.wait_for_url(f"{live_server.url}/ksb/audit/")
    assert page.get_by_role("heading", level=1).inner_text() == "Audit log"
    assert page.get_by_role("cell", name="core.opd.create").is_visible()
    assert page.get_by_label("Action").is_visible()


def test_pemda_home_is_usable_on_a_360px_phone(browser, live_server, ksb):
    page = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=1)
    page.goto(f"{live_server.url}/ksb/")
    # Nothing wider than the screen: no sideways scrolling on a small phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert page.get_by_role("heading", level=1).is_visible()
    # The skip link becomes visible on keyboard focus.
    page.keyboard.press("Tab")
    assert page.get_by_role("link", name="Lewati ke konten utama").is_visible()
    screenshots = settings.DATA_DIR / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    page.keyboard.press("Escape")
    page.mouse.click(5, 700)
    page.screenshot(path=str(screenshots / "pemda-home-360.png"), full_page=True)
