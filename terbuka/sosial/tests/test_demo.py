import io

import pytest

from terbuka.core.models import Referral
from terbuka.core.tests.factories import make_opd
from terbuka.sosial import demo
from terbuka.sosial.models import Case, OpdReferral


@pytest.mark.django_db
def test_demo_register_with_referrals_once(ksb):
    for acronym in ("Dinsos", "Dinkes", "Disdukcapil"):
        make_opd(ksb, acronym, acronym=acronym)
    demo.load(ksb, io.StringIO())
    demo.load(ksb, io.StringIO())
    assert Case.objects.count() == 9
    assert OpdReferral.objects.exists()
    referral = Referral.objects.get(kind="sosial.pmks")
    assert referral.status == "ditangani"
    assert Case.objects.filter(person__household__dtsen_decile=1).exists()
