"""The channels' demo data: a realistic triage queue, idempotent."""

import pytest

from terbuka.aduan.models import Channel, Complaint
from terbuka.saluran.demo import load
from terbuka.saluran.models import LaporLink, TriageItem

pytestmark = pytest.mark.django_db


def test_demo_is_loaded_once(world, capsys):
    import sys

    assert load(world.pemda, sys.stdout) == 6
    assert TriageItem.objects.filter(status="baru").count() == 5
    assert TriageItem.objects.filter(problem="unknown_shape").exists()
    assert Complaint.objects.filter(channel=Channel.WHATSAPP).count() == 1
    assert LaporLink.objects.filter(origin="lapor").count() == 2
    assert load(world.pemda) == 0
    assert TriageItem.objects.count() == 6 and Complaint.objects.count() == 3
    assert "saluran:" in capsys.readouterr().out
