"""The Indeks Kepuasan Masyarakat (IKM) of PermenPANRB 14/2017, as exact arithmetic.

Plain functions over plain numbers; no Django. The regulation (Lampiran, "Metode Pengolahan
Data") says:

* each of the nine elements (unsur) is answered on a 1–4 scale; the NRR (nilai rata-rata) of an
  element is the sum of its answers divided by the number of respondents who answered it;
* every element weighs the same, 1/9 ("bobot nilai rata-rata tertimbang = jumlah bobot / jumlah
  unsur"). The regulation prints that as 0,11; we keep the exact fraction, because 9 × 0,11 is
  0,99 and would cap a perfect unit at 99,00 instead of 100,00;
* IKM = Σ (NRR × 1/9) on the 1–4 scale, converted to 25–100 by × 25;
* the converted value is read against the table of mutu pelayanan (D, C, B, A) and kinerja
  unit pelayanan (tidak baik, kurang baik, baik, sangat baik).

The sample size table in the regulation is Krejcie and Morgan's (1970), which is the formula
s = χ²·N·P(1−P) / (d²(N−1) + χ²·P(1−P)) with χ² = 3,841, P = 0,5 and d = 0,05, rounded to the
nearest whole respondent (their published table rounds, e.g. N = 15 gives 14,47 → 14).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

# The nine unsur of PermenPANRB 14/2017, in the regulation's order (U1..U9).
ELEMENTS: tuple[str, ...] = (
    "persyaratan",
    "prosedur",  # sistem, mekanisme dan prosedur
    "waktu",  # waktu penyelesaian
    "biaya",  # biaya/tarif
    "produk",  # produk spesifikasi jenis pelayanan
    "kompetensi",  # kompetensi pelaksana
    "perilaku",  # perilaku pelaksana
    "pengaduan",  # penanganan pengaduan, saran dan masukan
    "sarana",  # sarana dan prasarana
)
SCALE = (1, 2, 3, 4)
WEIGHT = Fraction(1, len(ELEMENTS))  # exactly 1/9
CONVERSION = 25

# (lowest converted value, mutu, kinerja); read top down on the value rounded to 2 decimals.
GRADES: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "sangat_baik"),
    (Decimal("76.61"), "B", "baik"),
    (Decimal("65.00"), "C", "kurang_baik"),
    (Decimal("25.00"), "D", "tidak_baik"),
)

CHI_SQUARE = Fraction(3841, 1000)  # χ² for 1 degree of freedom at 95 %
PROPORTION = Fraction(1, 2)
MARGIN = Fraction(5, 100)


class FormulaError(ValueError):
    """Input the formula cannot score: an answer off the scale, a missing element."""


@dataclass(frozen=True)
class Result:
    respondents: int
    nrr: dict[str, Fraction]  # per element, 1–4
    index: Fraction  # Σ NRR × 1/9, 1–4 ("nilai indeks")
    converted: Fraction  # × 25, 25–100 (the IKM as published)
    grade: str  # mutu pelayanan: A, B, C, D
    performance: str  # kinerja unit pelayanan: sangat_baik, baik, kurang_baik, tidak_baik

    @property
    def score(self) -> Decimal:
        """The IKM as published: two decimals, half up."""
        return two_decimals(self.converted)


def two_decimals(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def grade(converted: Fraction | Decimal | float | int) -> tuple[str, str]:
    """(mutu, kinerja) for a converted IKM between 25 and 100.

    The regulation's intervals (25,00–64,99; 65,00–76,60; 76,61–88,30; 88,31–100,00) are on
    values with two decimals, so the value is rounded half up to two decimals first: 64,995
    is published as 65,00 and graded C, never left in the gap between two rows."""
    if isinstance(converted, Fraction):
        value = two_decimals(converted)
    else:
        value = Decimal(str(converted)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < Decimal("25.00") or value > Decimal("100.00"):
        raise FormulaError(f"An IKM is between 25 and 100, not {value}.")
    for lowest, mutu, kinerja in GRADES:
        if value >= lowest:
            return mutu, kinerja
    raise AssertionError("unreachable")  # pragma: no cover


def _check_answer(value: object, element: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
        raise FormulaError(f"{element}: an answer is 1, 2, 3 or 4, not {value!r}.")
    return value


def nrr(answers: Iterable[int], element: str = "") -> Fraction | None:
    """Average of one element's answers; None when nobody answered it."""
    values = [_check_answer(v, element) for v in answers]
    if not values:
        return None
    return Fraction(sum(values), len(values))


def compute(responses: Sequence[Mapping[str, int]]) -> Result | None:
    """Score a set of questionnaires, each {element: 1..4} with all nine elements.

    None when there are no responses. A questionnaire without one of the nine elements is an
    error rather than silently scored on eight: the weight is 1/9 for each."""
    if not responses:
        return None
    columns: dict[str, list[int]] = {e: [] for e in ELEMENTS}
    for number, response in enumerate(responses, start=1):
        missing = [e for e in ELEMENTS if response.get(e) is None]
        if missing:
            raise FormulaError(f"Response {number} has no answer for {', '.join(missing)}.")
        for element in ELEMENTS:
            columns[element].append(_check_answer(response[element], element))
    per_element = {e: Fraction(sum(v), len(v)) for e, v in columns.items()}
    return from_nrr(per_element, respondents=len(responses))


def from_nrr(per_element: Mapping[str, Fraction | Decimal | int | str],
             respondents: int = 0) -> Result:
    """Score from the NRR of each element (for example from a database aggregate)."""
    values: dict[str, Fraction] = {}
    for element in ELEMENTS:
        if per_element.get(element) is None:
            raise FormulaError(f"No NRR for {element}.")
        value = Fraction(per_element[element])
        if not 1 <= value <= 4:
            raise FormulaError(f"{element}: an NRR is between 1 and 4, not {value}.")
        values[element] = value
    index = sum((v * WEIGHT for v in values.values()), Fraction(0))
    converted = index * CONVERSION
    mutu, kinerja = grade(converted)
    return Result(respondents, values, index, converted, mutu, kinerja)


def from_sums(sums: Mapping[str, int], respondents: int) -> Result | None:
    """Score from per-element answer sums over `respondents` complete questionnaires."""
    if respondents <= 0:
        return None
    return from_nrr({e: Fraction(sums[e], respondents) for e in ELEMENTS}, respondents)


def sample_size(population: int) -> int:
    """Krejcie–Morgan minimum number of respondents for a population of `population` served."""
    if isinstance(population, bool) or not isinstance(population, int) or population < 1:
        raise FormulaError(f"A population is a whole number of at least 1, not {population!r}.")
    spread = CHI_SQUARE * PROPORTION * (1 - PROPORTION)
    exact = spread * population / (MARGIN**2 * (population - 1) + spread)
    rounded = int(two_decimals(exact).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return min(max(rounded, 1), population)
