"""Mapping an older unit to today's after merges, splits, renames and dissolutions (pure)."""

import datetime

from terbuka.layanan.lineage import Change, current, normalise

D = datetime.date


CHANGES = [
    # 2017: Dinsos and Disnakertrans merged into Dinsosnakertrans
    Change(D(2017, 1, 1), "dinsos", ("dinsosnakertrans",)),
    Change(D(2017, 1, 1), "disnakertrans", ("dinsosnakertrans",)),
    # 2022: split again into Dinas Sosial and Disnakertrans (new rows)
    Change(D(2022, 1, 1), "dinsosnakertrans", ("dinsos-2022", "disnakertrans-2022")),
    # 2022: Kantor Arsip renamed, 2023: Kantor Ketahanan Pangan dissolved
    Change(D(2022, 1, 1), "kantor-arsip", ("dinas-arsip",)),
    Change(D(2023, 1, 1), "kantor-pangan", ()),
]


def test_merge_then_split_maps_an_old_unit_to_both_successors():
    assert current("dinsos", CHANGES) == {"dinsos-2022", "disnakertrans-2022"}


def test_record_dated_after_a_change_only_sees_later_changes():
    # A 2019 figure of Dinsosnakertrans: only the 2022 split applies.
    assert current("dinsosnakertrans", CHANGES, since=D(2019, 6, 1)) == {
        "dinsos-2022", "disnakertrans-2022"}
    # A 2023 figure of the new Dinas Sosial: nothing after it, it is itself.
    assert current("dinsos-2022", CHANGES, since=D(2023, 1, 1)) == {"dinsos-2022"}
    # A change taking effect on the record's own date is already in the record.
    assert current("dinsos", CHANGES, since=D(2017, 1, 1)) == {"dinsos"}


def test_rename_dissolution_and_untouched_units():
    assert current("kantor-arsip", CHANGES) == {"dinas-arsip"}
    assert current("kantor-pangan", CHANGES) == set()
    assert current("bappeda", CHANGES) == {"bappeda"}


def test_names_are_compared_loosely():
    assert normalise("  Dinas  Sosial ") == normalise("dinas sosial")
