"""Work pages: a pemda defines a programme; houses are recorded and moved through stages."""

import pytest

from terbuka.core.tests.factories import make_user
from terbuka.gotongroyong.models import House, Programme

from .conftest import DESA

pytestmark = pytest.mark.django_db


def test_admin_defines_a_programme_and_a_facilitator_records_houses(client, ksb, pendamping):
    client.force_login(pendamping)
    assert client.get("/ksb/gotong-royong/kerja/program/baru/").status_code == 403
    client.force_login(make_user("admin", role="admin_pemda", pemda=ksb))
    response = client.post("/ksb/gotong-royong/kerja/program/baru/", {
        "kind": "rehab_rumah", "name": "Rehab rumah pasca gempa", "start_year": "2018"})
    assert response.status_code == 302
    programme = Programme.objects.get()
    assert programme.slug == "rehab-rumah-pasca-gempa"

    client.force_login(pendamping)
    url = f"/ksb/gotong-royong/kerja/rumah/{programme.slug}/"
    client.post(url, {"form": "record", "record-desa": DESA, "record-owner_name": "Amaq Ali",
                      "record-damage": "berat", "record-funds_allocated": "50000000"})
    house = House.objects.get()
    client.post(url, {"form": "update", "house": house.pk, "update-stage": "3_struktur",
                      "update-funds_disbursed": "25000000"})
    back = client.post(url, {"form": "update", "house": house.pk, "update-stage": "2_pondasi",
                             "update-funds_disbursed": "25000000"})
    assert "cannot go back" in back.content.decode()
    house.refresh_from_db()
    assert house.stage == "3_struktur" and house.funds_disbursed == 25_000_000
    public = client.get(f"/ksb/gotong-royong/program/{programme.slug}/").content.decode()
    assert "Structure and walls" in public and "Amaq Ali" not in public
