"""Commitments: member limits, dates, lead OPD of the right pemda; milestones: dates and
weights."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_opd, make_user
from terbuka.rencanaaksi import services
from terbuka.rencanaaksi.tests.conftest import add_commitment, two_milestones


def test_consortium_refuses_a_13th_commitment(consortium, ntb, ksb):
    for i in range(12):
        add_commitment(consortium, ksb if i % 2 else ntb, title=f"Komitmen {i + 1}")
    with pytest.raises(ValidationError) as exc:
        add_commitment(consortium, ksb, title="Komitmen 13")
    assert "at most 12" in str(exc.value.message_dict["title"])
    assert consortium.commitments.count() == 12


def test_single_member_plan_refuses_a_6th(single, banggai):
    for i in range(5):
        add_commitment(single, banggai, title=f"K{i}")
    with pytest.raises(ValidationError) as exc:
        add_commitment(single, banggai, title="K6")
    assert "at most 5" in str(exc.value.message_dict["title"])


def test_a_consortium_member_may_hold_more_than_five(consortium, ksb):
    # KSB held six of the NTB-KSB consortium's commitments: the 5 limit is for single members.
    for i in range(6):
        add_commitment(consortium, ksb, title=f"KSB {i}")
    assert consortium.commitments.filter(pemda=ksb).count() == 6


def test_commitment_must_be_by_a_member_and_inside_the_period(consortium, banggai, ntb):
    with pytest.raises(ValidationError) as exc:
        add_commitment(consortium, banggai)
    assert "pemda" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        add_commitment(consortium, ntb, end=dt.date(2024, 3, 1))
    assert "end" in exc.value.message_dict


def test_lead_opd_must_belong_to_the_delivering_member(consortium, ntb, ksb):
    ksb_opd = make_opd(ksb, "Dinas Sosial")
    with pytest.raises(ValidationError) as exc:
        add_commitment(consortium, ntb, lead_opd=ksb_opd)
    assert "lead_opd" in exc.value.message_dict
    c = add_commitment(consortium, ksb, lead_opd=ksb_opd, ogp_values=["public_accountability"],
                       sdgs=[16, 5], budget="150000000")
    assert c.lead_opd == ksb_opd and c.sdgs == [5, 16] and c.budget == 150000000


def test_secretariat_of_another_pemda_may_not_add(consortium, ntb, banggai):
    outsider = make_user(role="sekretariat_ogp", pemda=banggai)
    with pytest.raises(PermissionDenied):
        services.commitment_create(actor=outsider, plan=consortium, pemda=ntb, title="x",
                                   start=dt.date(2021, 9, 1), end=dt.date(2022, 1, 1))


def test_member_secretariat_adds_its_own_commitment(consortium, ksb):
    sek_ksb = make_user(role="sekretariat_ogp", pemda=ksb)
    c = services.commitment_create(actor=sek_ksb, plan=consortium, pemda=ksb, title="Yasinan",
                                   start=dt.date(2021, 9, 1), end=dt.date(2023, 1, 1))
    assert c.number == 1
    assert AuditEvent.objects.filter(action="rencanaaksi.commitment.create",
                                     actor=sek_ksb).exists()


def test_milestones_outside_dates_are_refused(consortium, ntb):
    c = add_commitment(consortium, ntb)
    rows = two_milestones(end=dt.date(2023, 9, 1))
    with pytest.raises(ValidationError) as exc:
        services.milestones_set(actor=None, commitment=c, milestones=rows)
    assert "milestones.1.end" in exc.value.message_dict
    assert "within the commitment's dates" in exc.value.message_dict["milestones.1.end"][0]
    assert c.milestones.count() == 0


def test_milestone_weights_must_sum_to_100(consortium, ntb):
    c = add_commitment(consortium, ntb)
    with pytest.raises(ValidationError) as exc:
        services.milestones_set(actor=None, commitment=c,
                                milestones=two_milestones(weights=(40, 50)))
    assert "90%" in exc.value.message_dict["milestones"][0]
    made = services.milestones_set(actor=None, commitment=c, milestones=two_milestones())
    assert [m.weight for m in made] == [40, 60]


def test_milestones_need_an_owner(consortium, ntb):
    c = add_commitment(consortium, ntb)
    rows = two_milestones()
    rows[0]["owner"] = " "
    with pytest.raises(ValidationError) as exc:
        services.milestones_set(actor=None, commitment=c, milestones=rows)
    assert "milestones.0.owner" in exc.value.message_dict
