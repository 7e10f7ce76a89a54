"""In a real browser, a kelompok (through its facilitator's account) records a Stimulan
project from plan to signed LPJ, on a phone-sized screen."""


import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from terbuka.core.models import PlaceKind
from terbuka.core.tests.factories import KSB, make_pemda, make_place, make_user
from terbuka.gotongroyong import exifgps
from terbuka.gotongroyong.models import Project, ProjectStatus

DESA = "52.07.02.2001"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kelompok_records_a_stimulan_project_from_plan_to_signed_lpj(browser, live_server,
                                                                     tmp_path):
    ksb = make_pemda("ksb", KSB)
    make_place(ksb, "Dusun Labuhan Lalar I", kind=PlaceKind.DUSUN, region_code=DESA)
    make_user("pendamping", role="pendamping", pemda=ksb, region=DESA, password="rahasia-123")
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(exifgps.jpeg_with_gps(-8.7431, 116.8552))

    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        page = browser.new_page(viewport={"width": 360, "height": 740}, locale="en-GB")
        page.set_default_timeout(15_000)
        page.context.add_cookies([{"name": "django_language", "value": "en",
                                   "url": live_server.url}])
        page.goto(f"{live_server.url}{reverse('accounts:login')}?next=/ksb/gotong-royong/kerja/")
        page.get_by_label("Username or e-mail").fill("pendamping")
        page.get_by_label("Password").fill("rahasia-123")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/ksb/gotong-royong/kerja/")

        # The group and its members
        page.get_by_role("link", name="New community group").click()
        page.get_by_label("Group name").fill("Kelompok Maju Bersama")
        page.get_by_label("Desa code").fill(DESA)
        page.get_by_label("Dusun").select_option(label="Hamlet (dusun) Dusun Labuhan Lalar I")
        page.get_by_label("Members").fill("Amaq Rudi; ketua\nInaq Sari; bendahara; P\n"
                                          "Lalu Hadi")
        page.get_by_role("button", name="Save").click()

        # The plan
        page.wait_for_url("**/kerja/proyek/baru/")
        page.get_by_label("Community group").select_option(label="Kelompok Maju Bersama")
        page.get_by_label("Kind", exact=True).select_option("stimulan")
        page.get_by_label("Title", exact=True).fill("Rabat jalan dusun")
        page.get_by_label("Output", exact=True).fill("Jalan rabat beton")
        page.get_by_label("Volume", exact=True).fill("200")
        page.get_by_label("Unit", exact=True).fill("m")
        page.get_by_label("APBD budget (Rp)").fill("30000000")
        page.get_by_label("Community contribution in money (Rp)").fill("2000000")
        page.get_by_label("Community work-days (HOK)").fill("120")
        page.get_by_role("button", name="Save").click()
        page.wait_for_url("**/kerja/proyek/*/")
        project = Project.objects.get()

        # Money in, a photo before, progress, more money, finished, photo after
        page.get_by_label("Amount (Rp)").fill("30000000")
        page.get_by_label("Paid on").fill("2025-06-01")
        page.get_by_role("button", name="Save disbursement").click()
        page.get_by_label("Stage").select_option("sebelum")
        page.get_by_label("Photo", exact=True).set_input_files(str(photo))
        page.get_by_role("button", name="Upload photo").click()
        page.get_by_label("Physical progress (%)").fill("120")
        page.get_by_label("Spent so far (Rp)").fill("1000000")
        page.get_by_role("button", name="Save progress").click()
        assert page.get_by_text("Progress is a percentage from 0 to 100.").is_visible()
        page.get_by_label("Physical progress (%)").fill("100")
        page.get_by_label("Spent so far (Rp)").fill("31500000")
        page.get_by_role("button", name="Save progress").click()
        page.get_by_label("Stage").select_option("sesudah")
        page.get_by_label("Photo", exact=True).set_input_files(str(photo))
        page.get_by_role("button", name="Upload photo").click()
        assert page.get_by_text("GPS").count() == 2

        # The one-page LPJ, printable, signed by the chair
        page.get_by_role("link", name="LPJ: check, print and sign").click()
        assert page.get_by_role("heading", level=1).inner_text() == \
            "Simplified accountability report (LPJ)"
        assert page.get_by_role("button", name="Print").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.emulate_media(media="print")
        shots = settings.DATA_DIR / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "gotongroyong-lpj-print.png"), full_page=True)
        page.emulate_media(media="screen")
        page.get_by_label("Signed by (group chair)").fill("Amaq Rudi")
        page.get_by_label("Signed on").fill("2025-06-20")
        page.get_by_role("button", name="Sign the LPJ").click()
        assert page.get_by_text("Signed by Amaq Rudi on 2025-06-20").is_visible()

        project.refresh_from_db()
        assert project.status == ProjectStatus.SIGNED and project.photos.count() == 2
        # The public sees the project with its money and progress.
        page.goto(f"{live_server.url}/ksb/gotong-royong/")
        assert page.get_by_role("table").get_by_role("link", name="Rabat jalan dusun").is_visible()
        assert page.get_by_text("Rp 30.000.000").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.screenshot(path=str(shots / "gotongroyong-public-360.png"), full_page=True)
