"""Strata from the versioned thresholds, without the database."""

from terbuka.posyandu import strata


def _inputs(**kw):
    base = dict(sessions_per_year=12, active_kader=5, main_coverage=0.6,
                additional_programmes=1, dana_sehat_share=0.5)
    base.update(kw)
    return strata.Inputs(**base)


def test_each_stratum_at_its_boundary():
    assert strata.stratum(_inputs()) == (strata.MANDIRI, [])
    assert strata.stratum(_inputs(dana_sehat_share=0.49)) == (strata.PURNAMA, ["dana_sehat"])
    assert strata.stratum(_inputs(additional_programmes=0)) == (strata.MADYA, ["additional"])
    assert strata.stratum(_inputs(main_coverage=0.49)) == (strata.MADYA, ["coverage"])
    assert strata.stratum(_inputs(sessions_per_year=7)) == (strata.PRATAMA, ["sessions"])
    assert strata.stratum(_inputs(sessions_per_year=7, active_kader=4)) == (
        strata.PRATAMA, ["sessions", "kader"])


def test_thresholds_are_read_from_the_versioned_table():
    t = strata.thresholds()
    assert t.version == "kemenkes-2011" and t.min_sessions_per_year == 8
    stricter = strata.Thresholds(**{**t.__dict__, "min_active_kader": 7})
    assert strata.stratum(_inputs(), stricter)[0] == strata.PRATAMA
