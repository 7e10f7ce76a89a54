"""A citizen answers the questionnaire on a 360 px phone with a real browser (Chromium through
Playwright), arriving by the invitation link of a closed complaint, and sees the result."""

import pytest

from terbuka.core.models import UnitLayanan
from terbuka.core.tests.factories import make_opd, make_pemda
from terbuka.ikm.models import Response

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_phone_survey_by_invitation(browser, live_server):
    pemda = make_pemda("ksb", "52.07", subtree=False)
    unit = UnitLayanan.objects.create(opd=make_opd(pemda, "Dinas Dukcapil"), name="Loket KTP")
    page = browser.new_page(viewport={"width": 360, "height": 740}, locale="id-ID")
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/ksb/ikm/unit/{unit.pk}/isi/?ref=KSB-2611-ABCD")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("button", name="Kirim jawaban saya").click()  # nothing chosen yet
    assert page.locator(".errorlist").first.is_visible()
    for group in page.locator("fieldset.ikm-question").all():
        group.get_by_label("4 ·", exact=False).check()
    page.get_by_label("Usia").fill("41")
    page.get_by_label("Perempuan").check()
    page.get_by_label("Pendidikan terakhir").select_option("s1")
    page.get_by_label("Pekerjaan utama").select_option("wirausaha")
    page.get_by_role("button", name="Kirim jawaban saya").click()
    page.wait_for_url("**/ikm/terima-kasih/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Terima kasih"
    saved = Response.objects.get()
    assert saved.ref == "KSB-2611-ABCD" and saved.sarana == 4 and saved.sex == "P"
    page.get_by_role("link", name="Lihat hasil Loket KTP").click()
    assert "100,00" in page.locator(".ikm-score").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
