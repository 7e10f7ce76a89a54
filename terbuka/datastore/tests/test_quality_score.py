"""The quality score: each part moves the total as documented. No database."""

import datetime

from terbuka.datastore.quality import DatasetFacts, Resource, score

TODAY = datetime.date(2026, 11, 23)


def complete(**changes):
    facts = DatasetFacts(
        title="Jumlah penduduk per desa", notes="Jumlah penduduk menurut desa dan jenis "
        "kelamin, dari data Dukcapil semester terakhir.", has_opd=True, tags=2,
        frequency="annual", license_id="cc-by-4.0", has_period=True,
        last_updated=TODAY - datetime.timedelta(days=30),
        resources=[Resource("csv", tabular=True, loaded=True, fields=[
            {"name": "kode_desa", "title": "Kode desa", "kodeReferensi": "wilayah.desa"},
            {"name": "jumlah", "description": "Jumlah jiwa"}])])
    for key, value in changes.items():
        setattr(facts, key, value)
    return facts


def parts(result):
    return {p.key: p.points for p in result.parts}


def test_a_complete_dataset_scores_full_marks():
    result = score(complete(), TODAY)
    assert result.total == 100 and result.grade == "A"
    assert all(p.hint == "" for p in result.parts)


def test_each_gap_costs_its_part():
    assert parts(score(complete(license_id="proprietary"), TODAY))["licence"] == 0
    assert score(complete(license_id="proprietary"), TODAY).total == 90
    pdf = complete(resources=[Resource("pdf")])
    got = parts(score(pdf, TODAY))
    assert got["format"] == 0 and got["schema"] == 0 and got["columns"] == 0
    xlsx = complete(resources=[Resource("xlsx", tabular=True, loaded=True, fields=[
        {"name": "a"}])])
    got = parts(score(xlsx, TODAY))
    assert got["format"] == 7.5 and got["kode_referensi"] == 0 and got["columns"] == 0
    failed = complete(resources=[Resource("csv", tabular=True, loaded=False)])
    assert parts(score(failed, TODAY))["schema"] == 0
    thin = complete(notes="Data.", tags=0, has_opd=False)
    assert parts(score(thin, TODAY))["metadata"] == round(25 * 4 / 7, 1)


def test_timeliness_follows_the_declared_frequency():
    def age(days, frequency):
        facts = complete(frequency=frequency,
                         last_updated=TODAY - datetime.timedelta(days=days))
        return parts(score(facts, TODAY))["timeliness"]

    assert age(30, "monthly") == 10 and age(50, "monthly") == 5 and age(80, "monthly") == 0
    assert age(300, "annual") == 10 and age(800, "annual") == 0
    assert age(400, "") == 10  # irregular: two years
    assert parts(score(complete(last_updated=None), TODAY))["timeliness"] == 0
