"""The money and progress rules alone, without Django."""

from decimal import Decimal as D

from terbuka.gotongroyong import rules
from terbuka.gotongroyong.rules import Plan


def test_mandiri_refuses_government_money():
    assert rules.plan_errors(Plan("mandiri", D(10), contribution_money=D(5))) == {}
    assert rules.plan_errors(Plan("mandiri", D(10), budget_apbdes=D(1))) == {
        "budget_apbd": "mandiri_has_government_money"}


def test_stimulan_needs_both_sides():
    assert rules.plan_errors(Plan("stimulan", D(10), budget_apbd=D(100))) == {
        "contribution_money": "stimulan_needs_contribution"}
    assert rules.plan_errors(Plan("stimulan", D(10), contribution_money=D(100))) == {
        "budget_apbd": "stimulan_needs_government_money"}
    # work-days alone are a contribution
    assert rules.plan_errors(Plan("stimulan", D(10), budget_apbd=D(100),
                                  contribution_workdays=5)) == {}


def test_padat_karya_money_is_the_output():
    ok = Plan("padat_karya", D(100), budget_apbd=D(5_000_000), unit_rate=D(50_000))
    assert rules.plan_errors(ok) == {}
    over = Plan("padat_karya", D(100), budget_apbd=D(5_000_001), unit_rate=D(50_000))
    assert rules.plan_errors(over) == {"budget_apbd": "padat_karya_budget_above_output"}
    assert rules.plan_errors(Plan("padat_karya", D(100), budget_apbd=D(1))) == {
        "unit_rate": "padat_karya_needs_rate"}
    # 40 m done at Rp 50.000 is Rp 2.000.000 of output
    assert rules.tranche_error(ok, D(0), D(2_000_000), D(40)) is None
    assert rules.tranche_error(ok, D(1_500_000), D(600_000), D(40)) == (
        "amount", "padat_karya_payment_above_output")


def test_tranches_stay_within_budget():
    plan = Plan("stimulan", D(1), budget_apbd=D(1000), contribution_money=D(1))
    assert rules.tranche_error(plan, D(600), D(400), D(0)) is None
    assert rules.tranche_error(plan, D(600), D(401), D(0)) == ("amount", "above_budget")
    assert rules.tranche_error(plan, D(0), D(0), D(0)) == ("amount", "not_positive")


def test_progress_limits():
    plan = Plan("stimulan", D(200), budget_apbd=D(1000), contribution_money=D(100))
    assert rules.progress_errors(physical_pct=D("100.1"), spent=D(0), plan=plan) == {
        "physical_pct": "pct_out_of_range"}
    assert rules.progress_errors(physical_pct=D(40), spent=D(0), plan=plan,
                                 previous_physical_pct=D(50)) == {"physical_pct": "pct_goes_back"}
    # financial progress over 100 %: spending beyond the total
    assert rules.progress_errors(physical_pct=D(50), spent=D(1101), plan=plan) == {
        "spent": "spent_above_total"}
    assert rules.progress_errors(physical_pct=D(50), spent=D(1100), plan=plan,
                                 volume_done=D(201)) == {"volume_done": "volume_above_plan"}
    assert rules.percent(D(1100), plan.total) == D("100.0")
    assert rules.percent(D(1), D(0)) == D(0)
