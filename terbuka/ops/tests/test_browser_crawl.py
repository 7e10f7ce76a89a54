"""A real browser walks every page reachable from a pemda's home, anonymously and as that
pemda's administrator, on a 360 px wide phone screen: no server error, no Content Security
Policy violation, no page wider than the screen. Modules' pages are found by following
links, so a new module is covered without touching this test."""

from urllib.parse import urljoin, urlparse

import pytest

from terbuka.core.models import Role
from terbuka.core.tests.factories import make_opd, make_pemda, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_PAGES = 120
SKIP = ("/akun/keluar", "/i18n/", "/admin/", "/static/", "/media/", "/api/", "/metrics")


def _crawl(page, base: str, start: str) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    current = {"url": start}

    def note(kind, text):
        problems.setdefault(current["url"], []).append(f"{kind}: {text}")

    page.on("console", lambda msg: "Content Security Policy" in msg.text
            and note("csp", msg.text[:200]))
    page.on("response", lambda r: r.status >= 500 and note("http", f"{r.status} {r.url}"))
    seen, queue = set(), [start]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        current["url"] = url
        response = page.goto(url)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 362:
            note("layout", f"page is {width}px wide on a 360px screen")
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        for href in hrefs:
            target = urljoin(url, href).split("#")[0]
            parsed = urlparse(target)
            if (target.startswith(base) and not parsed.path.startswith(SKIP)
                    and parsed.path.endswith("/") and target not in seen):
                queue.append(target)
    assert len(seen) > 3, "the crawl found almost nothing to visit"
    return problems


def test_public_and_admin_pages_on_a_phone(browser, live_server):
    pemda = make_pemda("ksb", "52.07")
    make_opd(pemda, "Dinas Kesehatan", acronym="Dinkes")
    make_user("admin", Role.ADMIN_PEMDA, pemda=pemda, password="rahasia-admin-123")
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = _crawl(page, live_server.url, f"{live_server.url}/ksb/")

    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna atau e-mail").fill("admin")
    page.get_by_label("Kata sandi").fill("rahasia-admin-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    problems.update(_crawl(page, live_server.url, f"{live_server.url}/ksb/"))
    assert problems == {}
