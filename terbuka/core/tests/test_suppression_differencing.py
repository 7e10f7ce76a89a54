"""Small-cell suppression holds against differencing: with a table by desa and the same
figures by kecamatan (or the table's own total) both public, no hidden desa count can be
worked out by subtracting the visible desa from their kecamatan."""

from hypothesis import given, settings
from hypothesis import strategies as st

from terbuka.core.publishing import Column, suppress_small_counts

COLUMNS = [Column("desa", "string", code_list="wilayah.desa"), Column("bulan", "string"),
           Column("balita_stunting", "integer", count=True)]
KECAMATAN = ["52.07.01", "52.07.02", "52.07.03"]


def _tables(counts):
    desa_rows = [
        {"desa": f"{kec}.{2000 + i}", "bulan": "2026-10", "balita_stunting": n}
        for kec, values in zip(KECAMATAN, counts, strict=False) for i, n in enumerate(values)
    ]
    kec_rows = [{"kecamatan": kec, "balita_stunting": sum(values)}
                for kec, values in zip(KECAMATAN, counts, strict=False)]
    # The kecamatan table is published too, through the same suppression.
    kec_columns = [Column("kecamatan", "string", code_list="wilayah.kecamatan"),
                   Column("balita_stunting", "integer", count=True)]
    return desa_rows, suppress_small_counts(kec_rows, kec_columns)


def _recoverable(published_desa, kec_rows):
    """Hidden desa counts of people an attacker can compute exactly: kecamatan total minus the
    visible desa, when that kecamatan has a single hidden desa. (A hidden zero, hidden only as
    a complement, reveals nobody.)"""
    found = []
    for kec in kec_rows:
        if isinstance(kec["balita_stunting"], str):
            continue  # the kecamatan total is hidden itself
        rows = [r for r in published_desa if r["desa"].startswith(kec["kecamatan"] + ".")]
        hidden = [r for r in rows if isinstance(r["balita_stunting"], str)]
        if len(hidden) == 1:
            visible = sum(r["balita_stunting"] for r in rows if r not in hidden)
            if kec["balita_stunting"] - visible:
                found.append((hidden[0]["desa"], kec["balita_stunting"] - visible))
    return found


def test_a_lone_small_desa_takes_its_smallest_neighbour_with_it():
    desa_rows, kec_rows = _tables([[3, 12, 40, 7], [20, 30], [0, 2, 9]])
    published = suppress_small_counts(desa_rows, COLUMNS)
    shown = [r["balita_stunting"] for r in published]
    # 52.07.01: 3 hidden, so its smallest visible neighbour (7) too; 52.07.03: 2 and then the
    # zero beside it (2 would be its total minus 9); 52.07.02 untouched.
    assert shown == ["<5", 12, 40, "<5", 20, 30, "<5", "<5", 9]
    assert _recoverable(published, kec_rows) == []


def test_without_complementary_cells_the_attack_works():
    """The attack in this file is real: primary suppression alone gives the count away."""
    desa_rows, kec_rows = _tables([[3, 12, 40, 7]])
    primary_only = [dict(r, balita_stunting="<5") if 0 < r["balita_stunting"] < 5 else r
                    for r in desa_rows]
    assert kec_rows == [{"kecamatan": "52.07.01", "balita_stunting": 62}]
    assert _recoverable(primary_only, kec_rows) == [("52.07.01.2000", 3)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), min_size=1, max_size=6), min_size=1, max_size=3))
def test_no_hidden_count_is_ever_recoverable(counts):
    desa_rows, kec_rows = _tables(counts)
    published = suppress_small_counts(desa_rows, COLUMNS)
    assert _recoverable(published, kec_rows) == []
    # Nor from the table's own grand total (a one-row table's total is the row itself, and it
    # is hidden in the kecamatan table too).
    hidden = [r for r in published if isinstance(r["balita_stunting"], str)]
    assert len(hidden) != 1 or len(published) == 1
    # And every small count is hidden; nothing else changes but hidden cells.
    for before, after in zip(desa_rows, published, strict=True):
        if 0 < before["balita_stunting"] < 5:
            assert after["balita_stunting"] == "<5"
        elif not isinstance(after["balita_stunting"], str):
            assert after == before


def test_rates_computed_from_a_hidden_count_are_emptied():
    columns = [Column("desa", "string", code_list="wilayah.desa"),
               Column("diukur", "integer", count=True), Column("stunting", "integer", count=True),
               Column("prevalensi", "number", from_counts=("stunting", "diukur"))]
    rows = [{"desa": "52.07.01.2001", "diukur": 40, "stunting": 2, "prevalensi": 5.0},
            {"desa": "52.07.01.2002", "diukur": 50, "stunting": 10, "prevalensi": 20.0},
            {"desa": "52.07.01.2003", "diukur": 60, "stunting": 30, "prevalensi": 50.0}]
    published = suppress_small_counts(rows, columns)
    assert [r["stunting"] for r in published] == ["<5", "<5", 30]
    # 5.0 % of 40 would give 2 back, 20 % of 50 the complementary 10.
    assert [r["prevalensi"] for r in published] == [None, None, 50.0]
