"""The demo loader builds the real NTB-KSB consortium plan and Banggai's plan, submitted, with
illustrative milestones that satisfy every rule; a second run changes nothing."""

import io

from terbuka.rencanaaksi import demo
from terbuka.rencanaaksi.models import ActionPlan, Commitment, Milestone, PlanStatus


def test_demo_loads_the_seed_commitments_and_is_idempotent(ntb, ksb, banggai):
    out = io.StringIO()
    for pemda in (ntb, ksb, banggai):
        demo.load(pemda, out)
    consortium = ActionPlan.objects.get(slug=demo.CONSORTIUM_SLUG)
    assert consortium.pemda == ntb
    assert {m.pemda.slug for m in consortium.members.all()} == {"ntb", "ksb"}
    assert consortium.commitments.filter(pemda=ntb).count() == 3
    assert consortium.commitments.filter(pemda=ksb).count() == 6
    assert consortium.status == PlanStatus.SUBMITTED
    assert str(consortium.submitted_at) == "2021-08-06"
    banggai_plan = ActionPlan.objects.get(slug=demo.BANGGAI_SLUG)
    assert banggai_plan.commitments.count() == 4
    assert str(banggai_plan.submitted_at) == "2021-07-30"
    titles = set(Commitment.objects.values_list("title", flat=True))
    assert any("NTB Care" in t for t in titles)
    assert any("Yasinan" in t for t in titles)
    assert any("Ambulans Dering" in t for t in titles)
    for c in Commitment.objects.all():
        ms = list(c.milestones.all())
        assert sum(m.weight for m in ms) == 100
        assert all(c.start <= m.start <= m.end <= c.end for m in ms)
        assert c.assessments.count() == 2
    assert not Milestone.objects.filter(illustrative=False).exists()
    assert consortium.comments.filter(response__isnull=True).count() == 0
    counts = (ActionPlan.objects.count(), Commitment.objects.count(), Milestone.objects.count())
    for pemda in (ntb, ksb, banggai):
        demo.load(pemda, out)
    assert (ActionPlan.objects.count(), Commitment.objects.count(),
            Milestone.objects.count()) == counts
