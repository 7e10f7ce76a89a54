"""The demo loader fills KSB with each kind of project, an ODF programme and houses, once."""

import io

import pytest
from django.test import override_settings

from terbuka.core import indicators
from terbuka.gotongroyong import demo
from terbuka.gotongroyong.models import House, Project, ProjectStatus

from .conftest import TODAY


@pytest.mark.django_db
def test_demo_is_realistic_and_idempotent(ksb, tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        demo.load(ksb, io.StringIO())
        counts = (Project.objects.count(), House.objects.count())
        demo.load(ksb, io.StringIO())
    assert (Project.objects.count(), House.objects.count()) == counts
    assert set(Project.objects.values_list("kind", flat=True)) == {
        "mandiri", "stimulan", "padat_karya"}
    assert Project.objects.values("desa").distinct().count() >= 10
    assert Project.objects.filter(status=ProjectStatus.SIGNED).exists()
    share = indicators.value("gotongroyong.odf_desa_share", ksb, TODAY, TODAY)
    assert share == 60.0  # 3 of the 5 STBM desa verified ODF
