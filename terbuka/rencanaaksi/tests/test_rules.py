"""The pure OGP Local rules, without a database."""

import datetime as dt

from terbuka.rencanaaksi import rules
from terbuka.rencanaaksi.rules import MilestoneSpec


def test_commitment_limit_depends_on_members():
    assert rules.commitment_limit(1) == 5
    assert rules.commitment_limit(2) == 12
    assert rules.commitment_limit(3) == 12


def test_milestones_must_sum_to_100_and_stay_inside():
    start, end = dt.date(2022, 1, 1), dt.date(2022, 12, 31)
    good = [MilestoneSpec("a", start, dt.date(2022, 6, 1), 30),
            MilestoneSpec("b", dt.date(2022, 6, 2), end, 70)]
    assert rules.milestone_problems(good, start, end) == []
    short = [MilestoneSpec("a", start, end, 90)]
    assert rules.milestone_problems(short, start, end) == [(None, "milestones", "total")]
    outside = [MilestoneSpec("a", start, dt.date(2023, 1, 5), 100)]
    assert (0, "end", "outside") in rules.milestone_problems(outside, start, end)
    early = [MilestoneSpec("a", dt.date(2021, 12, 1), end, 100)]
    assert (0, "start", "outside") in rules.milestone_problems(early, start, end)
    backwards = [MilestoneSpec("a", end, start, 100)]
    assert (0, "end", "order") in rules.milestone_problems(backwards, start, end)
    assert rules.milestone_problems([], start, end) == [(None, "milestones", "empty")]


def test_completion_is_weighted():
    assert rules.completion_percent([(30, True), (70, False)]) == 30
    assert rules.completion_percent([(30, True), (70, True)]) == 100
    assert rules.completion_percent([]) == 0
    assert rules.completion_level(0) == "not_started"
    assert rules.completion_level(30) == "limited"
    assert rules.completion_level(60) == "substantial"
    assert rules.completion_level(100) == "complete"


def test_disagreement_lists_differing_fields_only():
    gov = {"verifiable": True, "potential": "substantial", "completion": "complete",
           "opened_government": "major"}
    mon = {"verifiable": True, "potential": "modest", "completion": "complete",
           "opened_government": ""}
    assert rules.disagreements(gov, mon) == ["potential"]
    assert rules.disagreements(gov, {}) == []


def test_steps_are_taken_in_order():
    assert rules.next_step([]) == "orientation"
    assert rules.next_step(["orientation", "secretariat"]) == "working_team"
    assert rules.next_step(rules.STEPS) is None
    assert len(rules.STEPS) == 8


def test_evidence_type_and_size():
    assert rules.evidence_problem("application/pdf", 1000) is None
    assert rules.evidence_problem("application/x-msdownload", 1000) == "type"
    assert rules.evidence_problem(None, 1000) == "type"
    assert rules.evidence_problem("application/pdf", rules.EVIDENCE_MAX_BYTES + 1) == "size"
    assert rules.evidence_problem("application/pdf", 0) == "empty"


def test_months_between():
    assert rules.months_between(dt.date(2022, 11, 5), dt.date(2023, 2, 1)) == [
        (2022, 11), (2022, 12), (2023, 1), (2023, 2)]
    assert rules.months_between(dt.date(2021, 1, 1), dt.date(2023, 12, 1), limit=3) == [
        (2023, 10), (2023, 11), (2023, 12)]
    assert rules.months_between(dt.date(2023, 1, 1), dt.date(2022, 1, 1)) == []
