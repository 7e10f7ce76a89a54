"""The period management page for officials."""

import pytest

from terbuka.core.tests.factories import make_user
from terbuka.ikm.models import SurveyPeriod

pytestmark = pytest.mark.django_db


def test_petugas_adds_a_period_and_sees_its_sample_size(client, unit):
    client.force_login(make_user(role="petugas_opd", opd=unit.opd))
    response = client.post("/ksb/ikm/kelola/", {"unit": unit.pk, "name": "Semester I 2026",
                                                "start": "2026-01-01", "end": "2026-06-30",
                                                "population": "1000"})
    assert response.status_code == 302
    assert SurveyPeriod.objects.get().population == 1000
    assert "278" in client.get("/ksb/ikm/kelola/").content.decode()


def test_bad_dates_are_shown_beside_the_field(client, unit):
    client.force_login(make_user(role="admin_pemda", pemda=unit.opd.pemda))
    page = client.post("/ksb/ikm/kelola/", {"unit": unit.pk, "name": "X",
                                            "start": "2026-06-30", "end": "2026-01-01"})
    assert page.status_code == 200 and 'id="id_end_error"' in page.content.decode()
    assert not SurveyPeriod.objects.exists()


def test_anonymous_goes_to_login_and_warga_is_refused(client, unit, ksb):
    assert client.get("/ksb/ikm/kelola/").status_code == 302
    client.force_login(make_user(role="warga", pemda=ksb))
    assert client.get("/ksb/ikm/kelola/").status_code == 403
