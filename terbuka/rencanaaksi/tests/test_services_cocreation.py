"""The eight co-creation steps: order, minutes, participants by sex, the uji publik and the
rule that every public comment is answered before adoption."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core.tests.factories import make_user
from terbuka.rencanaaksi import services
from terbuka.rencanaaksi.models import PlanStatus, Step
from terbuka.rencanaaksi.tests.conftest import add_commitment, two_milestones


def _step(plan, name):
    return plan.steps.get(step=name)


def _do(plan, name, day, actor=None, **kw):
    kw.setdefault("minutes", f"Notulen {name}")
    return services.step_record(actor=actor, step=_step(plan, name), held_on=day, **kw)


def _through_plan_workshop(plan):
    for i, name in enumerate(["orientation", "secretariat", "working_team", "draft_workshop",
                              "plan_workshop"]):
        _do(plan, name, dt.date(2021, 4, 1 + i * 5))


def test_plan_has_eight_steps_in_order(consortium):
    assert [s.step for s in consortium.steps.order_by("order")] == [s.value for s in Step]
    assert {m.pemda.slug for m in consortium.members.all()} == {"ntb", "ksb"}


def test_steps_cannot_be_skipped(consortium):
    with pytest.raises(ValidationError) as exc:
        _do(consortium, "working_team", dt.date(2021, 4, 1))
    assert "next step" in exc.value.message_dict["step"][0]


def test_step_needs_minutes_and_records_participants(consortium):
    with pytest.raises(ValidationError) as exc:
        _do(consortium, "orientation", dt.date(2021, 4, 1), minutes="")
    assert "minutes" in exc.value.message_dict
    step = _do(consortium, "orientation", dt.date(2021, 4, 21), participants=[
        {"organisation": "Bappeda NTB", "sector": "government", "women": 3, "men": 5},
        {"organisation": "SOMASI NTB", "sector": "civil_society", "women": 2, "men": 1},
    ], documents=[{"title": "Daftar hadir", "url": "https://example.org/hadir.pdf"}])
    assert step.is_done
    assert sorted((p.organisation, p.women, p.men) for p in step.participations.all()) == [
        ("Bappeda NTB", 3, 5), ("SOMASI NTB", 2, 1)]
    assert step.documents.count() == 1


def test_bad_participant_counts_are_refused(consortium):
    with pytest.raises(ValidationError) as exc:
        _do(consortium, "orientation", dt.date(2021, 4, 1), participants=[
            {"organisation": "X", "sector": "government", "women": -1, "men": 0}])
    assert "participants.0.women" in exc.value.message_dict


def test_step_dated_before_previous_is_refused(consortium):
    _do(consortium, "orientation", dt.date(2021, 4, 21))
    with pytest.raises(ValidationError) as exc:
        _do(consortium, "secretariat", dt.date(2021, 4, 1))
    assert "held_on" in exc.value.message_dict


def test_consultation_opens_only_after_plan_workshop(consortium):
    with pytest.raises(ValidationError):
        services.plan_open_consultation(actor=None, plan=consortium, draft_text="Draf")
    _through_plan_workshop(consortium)
    services.plan_open_consultation(actor=None, plan=consortium, draft_text="Satu.\n\nDua.")
    consortium.refresh_from_db()
    assert consortium.status == PlanStatus.CONSULTATION
    assert services.draft_paragraphs(consortium) == [("p1", "Satu."), ("p2", "Dua.")]


def test_adoption_waits_for_a_reasoned_response_to_every_comment(consortium, ntb, sekretariat):
    c = add_commitment(consortium, ntb)
    services.milestones_set(actor=None, commitment=c, milestones=two_milestones())
    _through_plan_workshop(consortium)
    services.plan_open_consultation(actor=None, plan=consortium, draft_text="Visi.\n\nMisi.")
    comment = services.comment_create(actor=None, plan=consortium, anchor="p2",
                                      author_name="Rina", organisation="SOMASI NTB",
                                      stance="oppose", body="Misi terlalu umum.")
    assert comment.quote == "Misi."
    _do(consortium, "consultation", dt.date(2021, 7, 1))
    with pytest.raises(ValidationError) as exc:
        _do(consortium, "adoption", dt.date(2021, 7, 20))
    assert "1 public comment" in exc.value.message_dict["step"][0]

    with pytest.raises(ValidationError) as exc:
        services.comment_respond(actor=sekretariat, comment=comment, verdict="partly",
                                 reason="  ")
    assert "reason" in exc.value.message_dict
    services.comment_respond(actor=sekretariat, comment=comment, verdict="partly",
                             reason="Misi dipertajam dengan target terukur pada komitmen 1.")
    _do(consortium, "adoption", dt.date(2021, 7, 20))
    _do(consortium, "submission", dt.date(2021, 8, 6))
    consortium.refresh_from_db()
    assert consortium.status == PlanStatus.SUBMITTED
    assert consortium.submitted_at == dt.date(2021, 8, 6)


def test_submission_needs_milestones_totalling_100(consortium, ntb, sekretariat):
    add_commitment(consortium, ntb)
    _through_plan_workshop(consortium)
    services.plan_open_consultation(actor=None, plan=consortium, draft_text="Visi.")
    _do(consortium, "consultation", dt.date(2021, 7, 1))
    _do(consortium, "adoption", dt.date(2021, 7, 20))
    with pytest.raises(ValidationError) as exc:
        _do(consortium, "submission", dt.date(2021, 8, 6))
    assert "0%" in exc.value.message_dict["step"][0]


def test_comment_anchor_must_exist_and_consultation_be_open(consortium, ntb):
    add_commitment(consortium, ntb)
    with pytest.raises(ValidationError):
        services.comment_create(actor=None, plan=consortium, anchor="p1", author_name="A",
                                stance="support", body="x")
    _through_plan_workshop(consortium)
    services.plan_open_consultation(actor=None, plan=consortium, draft_text="Visi.")
    for anchor in ("p9", "c7", "zzz"):
        with pytest.raises(ValidationError) as exc:
            services.comment_create(actor=None, plan=consortium, anchor=anchor,
                                    author_name="A", stance="support", body="x")
        assert "anchor" in exc.value.message_dict
    comment = services.comment_create(actor=None, plan=consortium, anchor="c1",
                                      author_name="A", stance="support", body="Setuju")
    assert comment.commitment.number == 1


def test_only_the_secretariat_answers(consortium, ntb, banggai):
    _through_plan_workshop(consortium)
    services.plan_open_consultation(actor=None, plan=consortium, draft_text="Visi.")
    comment = services.comment_create(actor=None, plan=consortium, anchor="p1",
                                      author_name="A", stance="support", body="Setuju")
    for user in (make_user(role="pemantau", pemda=ntb),
                 make_user(role="sekretariat_ogp", pemda=banggai)):
        with pytest.raises(PermissionDenied):
            services.comment_respond(actor=user, comment=comment, verdict="accepted",
                                     reason="Diterima sepenuhnya.")
    with pytest.raises(ValidationError) as exc:
        services.comment_respond(actor=None, comment=comment, verdict="maybe",
                                 reason="Diterima sepenuhnya.")
    assert "verdict" in exc.value.message_dict
