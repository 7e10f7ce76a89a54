"""The money and progress rules of a gotong royong project, as plain functions.

Pure: Decimal in, Decimal or error codes out; no Django. Services translate the codes into
messages beside the field they name. The three kinds follow KSB's Program Daerah
Pemberdayaan Gotong Royong (PDPGR):

- Mandiri: the community pays for everything itself; no APBD or APBDes money.
- Stimulan: government stimulus plus a community contribution (money, materials or
  work-days); both must be there.
- Padat Karya: cash for work; the money paid never exceeds the value of the output built
  (volume done × rate per unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
HUNDRED = Decimal("100")
RUPIAH = Decimal("1")
ONE_DECIMAL = Decimal("0.1")

MANDIRI, STIMULAN, PADAT_KARYA = "mandiri", "stimulan", "padat_karya"
KINDS = (MANDIRI, STIMULAN, PADAT_KARYA)
# Kinds spending public money must show where their photos were taken.
LOCATION_REQUIRED = {MANDIRI: False, STIMULAN: True, PADAT_KARYA: True}


@dataclass(frozen=True)
class Plan:
    kind: str
    volume: Decimal
    budget_apbd: Decimal = ZERO
    budget_apbdes: Decimal = ZERO
    contribution_money: Decimal = ZERO
    contribution_materials_value: Decimal = ZERO
    contribution_workdays: int = 0
    unit_rate: Decimal = ZERO  # Padat Karya: rupiah paid per unit of output

    @property
    def government(self) -> Decimal:
        return self.budget_apbd + self.budget_apbdes

    @property
    def community(self) -> Decimal:
        return self.contribution_money + self.contribution_materials_value

    @property
    def total(self) -> Decimal:
        return self.government + self.community


def plan_errors(plan: Plan) -> dict[str, str]:
    """{field: code} for every rule the plan breaks; empty when it is sound."""
    errors: dict[str, str] = {}
    if plan.kind not in KINDS:
        return {"kind": "unknown_kind"}
    if plan.volume <= 0:
        errors["volume"] = "volume_not_positive"
    for name in ("budget_apbd", "budget_apbdes", "contribution_money",
                 "contribution_materials_value", "unit_rate"):
        if getattr(plan, name) < 0:
            errors[name] = "negative"
    if plan.contribution_workdays < 0:
        errors["contribution_workdays"] = "negative"
    if errors:
        return errors
    if plan.kind == MANDIRI and plan.government > 0:
        errors["budget_apbd"] = "mandiri_has_government_money"
    if plan.kind == STIMULAN:
        if plan.government <= 0:
            errors["budget_apbd"] = "stimulan_needs_government_money"
        if plan.community <= 0 and plan.contribution_workdays <= 0:
            errors["contribution_money"] = "stimulan_needs_contribution"
    if plan.kind == PADAT_KARYA:
        if plan.unit_rate <= 0:
            errors["unit_rate"] = "padat_karya_needs_rate"
        elif plan.government > output_value(plan.volume, plan.unit_rate):
            errors["budget_apbd"] = "padat_karya_budget_above_output"
    return errors


def output_value(volume_done: Decimal, unit_rate: Decimal) -> Decimal:
    return (volume_done * unit_rate).quantize(RUPIAH, rounding=ROUND_HALF_UP)


def tranche_error(plan: Plan, disbursed: Decimal, amount: Decimal,
                  volume_done: Decimal) -> tuple[str, str] | None:
    """(field, code) when paying `amount` after `disbursed` breaks a rule, else None."""
    if amount <= 0:
        return ("amount", "not_positive")
    if plan.kind == MANDIRI:
        return ("amount", "mandiri_has_government_money")
    if disbursed + amount > plan.government:
        return ("amount", "above_budget")
    if plan.kind == PADAT_KARYA and disbursed + amount > output_value(volume_done, plan.unit_rate):
        return ("amount", "padat_karya_payment_above_output")
    return None


def percent(part: Decimal, whole: Decimal) -> Decimal:
    if whole <= 0:
        return ZERO
    return (part * HUNDRED / whole).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def progress_errors(*, physical_pct: Decimal, spent: Decimal, plan: Plan,
                    previous_physical_pct: Decimal = ZERO, volume_done: Decimal = ZERO
                    ) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not (ZERO <= physical_pct <= HUNDRED):
        errors["physical_pct"] = "pct_out_of_range"
    elif physical_pct < previous_physical_pct:
        errors["physical_pct"] = "pct_goes_back"
    if spent < 0:
        errors["spent"] = "negative"
    elif spent > plan.total:
        # financial progress over 100 %
        errors["spent"] = "spent_above_total"
    if volume_done < 0:
        errors["volume_done"] = "negative"
    elif volume_done > plan.volume:
        errors["volume_done"] = "volume_above_plan"
    return errors
