"""Who may declare survey periods."""

import pytest
from django.core.exceptions import PermissionDenied

from terbuka.core.tests.factories import make_opd, make_user
from terbuka.ikm import services

pytestmark = pytest.mark.django_db


def test_petugas_of_the_units_opd_may_others_may_not(unit, ksb):
    own = make_user(role="petugas_opd", opd=unit.opd)
    other = make_user(role="petugas_opd", opd=make_opd(ksb, "Dinas Lain"))
    warga = make_user(role="warga", pemda=ksb)
    services.period_create(actor=own, unit=unit, name="S1", start="2026-01-01",
                           end="2026-06-30")
    for actor in (other, warga):
        with pytest.raises(PermissionDenied):
            services.period_create(actor=actor, unit=unit, name="S2", start="2026-07-01",
                                   end="2026-12-31")
