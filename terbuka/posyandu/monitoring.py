"""Growth monitoring on stored measurements: z-scores and Permenkes classes from the growth
engine, N/T/O/B against the KBM table, 2T, BGM and the alerts they raise. Used by the
services for one measurement and by `recompute_month` for a whole month at once."""

from __future__ import annotations

import datetime

import numpy as np
from django.db import connection, transaction
from django.db.models import Count, Q

from terbuka.growth import compute, compute_one
from terbuka.posyandu import growthstatus
from terbuka.posyandu.models import Alert, AlertKind, Measurement, MonthlyCounts, Session

Z_FIELDS = ("zwei", "zlen", "zwfl", "zbmi", "zhc", "zac")
CLASS_FIELDS = ("kategori_bb_u", "kategori_pb_tb_u", "kategori_bb_pb_tb")
STORED = (*Z_FIELDS, *CLASS_FIELDS, "growth_status", "two_t", "bgm", "problems", "kbm_version")


def previous_month(month: datetime.date) -> datetime.date:
    return (month - datetime.timedelta(days=1)).replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1)


def _f(value):
    return None if value is None else float(value)


def zscores(m: Measurement, sex: str) -> dict:
    r = compute_one(sex=sex, age_days=m.age_days, weight=_f(m.weight_kg),
                    lenhei=_f(m.length_cm), measure=m.position or None, headc=_f(m.head_cm),
                    armc=_f(m.muac_cm), oedema="y" if m.oedema else "n")
    return r


def apply(m: Measurement, sex: str) -> dict:
    """Fill the computed fields of `m` (not saved). Returns the engine's row (flags too)."""
    r = zscores(m, sex)
    for name in Z_FIELDS:
        setattr(m, name, r[name])
    for name in CLASS_FIELDS:
        setattr(m, name, r[name] or "")
    m.problems = "; ".join(r["problems"])
    m.kbm_version = growthstatus.DEFAULT_KBM_VERSION
    if m.weight_kg is None:
        m.growth_status, m.two_t = "", False
    else:
        earlier = Measurement.objects.filter(person_id=m.person_id, month__lt=m.month,
                                             weight_kg__isnull=False)
        last = earlier.filter(month=previous_month(m.month)).first()
        m.growth_status = growthstatus.status(
            weight_kg=float(m.weight_kg), age_days=m.age_days,
            previous_weight_kg=_f(last.weight_kg) if last else None,
            weighed_last_month=last is not None, weighed_before=earlier.exists(),
        )
        m.two_t = growthstatus.is_two_t(m.growth_status, last.growth_status if last else None)
    m.bgm = growthstatus.is_bgm(m.zwei)
    return r


def alert_kinds(m: Measurement) -> list[str]:
    kinds = []
    if m.bgm:
        kinds.append(AlertKind.BGM)
    if m.two_t:
        kinds.append(AlertKind.TWO_T)
    if m.zwfl is not None and m.zwfl < -3:
        kinds.append(AlertKind.GIZI_BURUK)
    if m.zlen is not None and m.zlen < -2:
        kinds.append(AlertKind.STUNTING)
    return kinds


def raise_alerts(m: Measurement) -> list[Alert]:
    wanted = set(alert_kinds(m))
    Alert.objects.filter(measurement=m, status="open").exclude(kind__in=wanted).delete()
    out = []
    for kind in wanted:
        alert, _ = Alert.objects.get_or_create(
            measurement=m, kind=kind,
            defaults={"pemda_id": m.pemda_id, "person_id": m.person_id,
                      "posyandu_id": m.posyandu_id},
        )
        out.append(alert)
    return out


def refresh_following(m: Measurement) -> None:
    """The next month's status depends on this one's weight: recompute it when present."""
    nxt = (Measurement.objects.filter(person_id=m.person_id, month=next_month(m.month))
           .select_related("person").first())
    if nxt is not None:
        apply(nxt, nxt.person.sex)
        nxt.save(update_fields=list(STORED))
        raise_alerts(nxt)


# --- the monthly counts behind the SKDN report ------------------------------------------------

COUNTS = ("d", "n", "t", "o", "b", "t2", "bgm", "len_base", "stunted", "wfl_base", "wasted",
          "overweight", "wei_base", "underweight")


def measure_counts() -> dict:
    return {
        "d": Count("id", filter=Q(weight_kg__isnull=False)),
        "n": Count("id", filter=Q(growth_status="N")),
        "t": Count("id", filter=Q(growth_status="T")),
        "o": Count("id", filter=Q(growth_status="O")),
        "b": Count("id", filter=Q(growth_status="B")),
        "t2": Count("id", filter=Q(two_t=True)),
        "bgm": Count("id", filter=Q(bgm=True)),
        "len_base": Count("zlen"),
        "stunted": Count("id", filter=Q(zlen__lt=-2)),
        "wfl_base": Count("zwfl"),
        "wasted": Count("id", filter=Q(zwfl__lt=-2)),
        "overweight": Count("id", filter=Q(zwfl__gt=2)),
        "wei_base": Count("zwei"),
        "underweight": Count("id", filter=Q(zwei__lt=-2)),
    }


def refresh_counts(*, month: datetime.date, posyandu_ids: list[int] | None = None,
                   pemda_id: int | None = None) -> int:
    """Recount MonthlyCounts for `month` from the measurements and sessions, for the given
    posyandu (or a whole pemda). Called by every write that changes them."""
    mq = Measurement.objects.filter(month=month)
    sq = Session.objects.filter(month=month)
    old = MonthlyCounts.objects.filter(month=month)
    if posyandu_ids is not None:
        mq, sq = mq.filter(posyandu_id__in=posyandu_ids), sq.filter(posyandu_id__in=posyandu_ids)
        old = old.filter(posyandu_id__in=posyandu_ids)
    if pemda_id is not None:
        mq, sq, old = mq.filter(pemda_id=pemda_id), sq.filter(pemda_id=pemda_id), \
            old.filter(pemda_id=pemda_id)
    counted = {r.pop("posyandu_id"): r
               for r in mq.values("posyandu_id").annotate(**measure_counts()).order_by()}
    rows = []
    for pk, pemda, desa, s, k in sq.values_list("posyandu_id", "pemda_id",
                                                "posyandu__desa_code", "s_count", "k_count"):
        c = counted.pop(pk, {})
        rows.append(MonthlyCounts(posyandu_id=pk, pemda_id=pemda, month=month, desa_code=desa,
                                  kecamatan_code=desa[:8], kabupaten_code=desa[:5], s=s, k=k,
                                  **{f: c.get(f, 0) for f in COUNTS}))
    # Measurements always belong to a session of the same posyandu and month, so nothing is
    # left in `counted`; the rows are rebuilt as a whole.
    old.delete()
    MonthlyCounts.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# --- a whole month at once ---------------------------------------------------------------------


@transaction.atomic
def recompute_month(*, month: datetime.date, pemda_id: int | None = None,
                    kabupaten_code: str | None = None) -> int:
    """Recompute z-scores, classes and N/T/O/B/2T/BGM of every measurement of `month`
    (optionally one pemda or kabupaten) in array form; returns the number of rows written.
    The previous month's weights and statuses are read in one query."""
    qs = Measurement.objects.filter(month=month)
    if pemda_id is not None:
        qs = qs.filter(pemda_id=pemda_id)
    if kabupaten_code is not None:
        qs = qs.filter(kabupaten_code=kabupaten_code)
    rows = list(qs.values_list("id", "person_id", "person__sex", "age_days", "weight_kg",
                               "length_cm", "position", "head_cm", "muac_cm", "oedema"))
    if not rows:
        return 0
    ids, person, sex, age, wt, ln, pos, hc, ac, oed = zip(*rows, strict=True)
    person_ids = np.asarray(person, dtype=np.int64)
    prev = previous_month(month)
    prev_qs = Measurement.objects.filter(month=prev, weight_kg__isnull=False)
    # Only this month's children matter: probe them through the (person, month) index.
    before_qs = Measurement.objects.filter(month__lt=month, weight_kg__isnull=False,
                                           person_id__in=qs.values("person_id"))
    if pemda_id is not None:
        prev_qs = prev_qs.filter(pemda_id=pemda_id)
    if kabupaten_code is not None:
        # Children who moved in from another kabupaten keep their history: filter by person.
        prev_qs = prev_qs.filter(person_id__in=qs.values("person_id"))
    prev_rows = dict((p, (float(w), s)) for p, w, s in
                     prev_qs.values_list("person_id", "weight_kg", "growth_status"))
    before = set(before_qs.values_list("person_id", flat=True).distinct())

    def arr(values):
        return np.array([np.nan if v is None else float(v) for v in values])

    weight = arr(wt)
    res = compute(sex=np.array(sex, dtype=object), age_days=np.asarray(age, dtype=np.float64),
                  weight=weight, lenhei=arr(ln),
                  measure=np.array([p or None for p in pos], dtype=object),
                  headc=arr(hc), armc=arr(ac),
                  oedema=np.array(["y" if o else "n" for o in oed], dtype=object))
    prev_w = np.array([prev_rows.get(p, (np.nan, ""))[0] for p in person_ids.tolist()])
    prev_s = [prev_rows.get(p, (None, ""))[1] for p in person_ids.tolist()]
    weighed_before = np.array([p in before for p in person_ids.tolist()])
    status = growthstatus.statuses(weight, np.asarray(age, dtype=np.float64), prev_w,
                                   weighed_before)
    status[np.isnan(weight)] = ""
    z = {name: res[name] for name in Z_FIELDS}
    bgm = z["zwei"] < growthstatus.BGM_ZWEI
    problems = res.problem_text()
    cats = {name: res[name] for name in CLASS_FIELDS}
    out = []
    for i, pk in enumerate(ids):
        zs = [None if np.isnan(z[n][i]) else float(z[n][i]) for n in Z_FIELDS]
        out.append((pk, *zs, *(cats[n][i] or "" for n in CLASS_FIELDS), status[i],
                    bool(status[i] == "T" and prev_s[i] == "T"), bool(bgm[i]), problems[i],
                    growthstatus.DEFAULT_KBM_VERSION))
    _write(out)
    refresh_counts(month=month, pemda_id=pemda_id,
                   posyandu_ids=None if kabupaten_code is None
                   else list(qs.values_list("posyandu_id", flat=True).distinct()))
    return len(out)


def _write(rows: list[tuple]) -> None:
    table = Measurement._meta.db_table
    cols = STORED
    if connection.vendor == "postgresql":
        # One COPY into a temporary table and one UPDATE ... FROM: minutes become seconds.
        types = ["double precision"] * len(Z_FIELDS) + ["text"] * len(CLASS_FIELDS) + [
            "text", "boolean", "boolean", "text", "text"]
        with connection.cursor() as cur:
            cur.execute(
                "CREATE TEMP TABLE posyandu_recompute (id bigint, "
                + ", ".join(f"{c} {t}" for c, t in zip(cols, types, strict=True))
                + ") ON COMMIT DROP")
            with cur.copy("COPY posyandu_recompute FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            # Table and column names are this module's own; the values travel through COPY.
            sets = ", ".join(f"{c} = r.{c}" for c in cols)
            update = f"UPDATE {table} m SET {sets} FROM posyandu_recompute r WHERE m.id = r.id"  # noqa: S608
            cur.execute(update)
        return
    objs = []
    for row in rows:
        m = Measurement(id=row[0])
        for name, value in zip(cols, row[1:], strict=True):
            setattr(m, name, value)
        objs.append(m)
    Measurement.objects.bulk_update(objs, list(cols), batch_size=500)
