"""Monthly aggregates to Satu Data through core.publishing (small counts are suppressed
there). Only counts and rates by desa leave the module, never a child."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from terbuka.core import audit, policy, publishing
from terbuka.core.policy import Target
from terbuka.posyandu import selectors

MODULE = "posyandu"


def skdn_table(*, pemda, month: datetime.date) -> publishing.Table:
    rows = selectors.skdn_table(pemda=pemda, month=month, level="desa")
    C = publishing.Column  # noqa: N806
    columns = [
        C("bulan", "yearmonth", _("Month")),
        C("kode_desa", "string", _("Desa code"), code_list="wilayah.desa"),
        C("nama_desa", "string", _("Desa")),
        *(C(k, "integer", k.upper(), count=True) for k in ("s", "k", "d", "n", "t")),
        C("t2", "integer", "2T", count=True), C("o", "integer", "O", count=True),
        C("b", "integer", "B", count=True), C("bgm", "integer", "BGM", count=True),
        C("diukur_tb", "integer", _("Measured for length/height"), count=True),
        C("stunting", "integer", _("Stunted (PB/U or TB/U < -2 SD)"), count=True),
        C("prevalensi_stunting", "number", _("Stunting prevalence"), unit="%",
          from_counts=("stunting", "diukur_tb")),
        C("d_s", "number", "D/S", unit="%", from_counts=("d", "s")),
        C("n_d", "number", "N/D", unit="%", from_counts=("n", "d")),
    ]
    out = []
    for r in rows:
        c, rep = r["counts"], r["report"]
        # Rates are withheld where their base is suppressed: a rate and its base would
        # reveal the small count.
        small = 0 < c["len_base"] < publishing.suppression_threshold()
        out.append({
            "bulan": month.strftime("%Y-%m"), "kode_desa": r["key"], "nama_desa": r["name"],
            **{k: c[k] for k in ("s", "k", "d", "n", "t", "t2", "o", "b", "bgm")},
            "diukur_tb": c["len_base"], "stunting": c["stunted"],
            "prevalensi_stunting": None if small else rep.stunting.percent,
            "d_s": rep.d_s.percent, "n_d": rep.n_d.percent,
        })
    return publishing.Table(
        pemda_id=pemda.pk, module=MODULE, key=f"skdn-desa-{month:%Y-%m}",
        title=_("Posyandu SKDN and stunting by desa, %(month)s") % {"month": f"{month:%Y-%m}"},
        description=_("Monthly weighing at posyandu (S, K, D, N, T, 2T, O, B, BGM) and stunting "
                      "among children measured, by desa. Counts below the threshold are "
                      "suppressed."),
        columns=columns, rows=out, theme="kesehatan", frequency="monthly",
        period_start=month, period_end=(month + datetime.timedelta(days=32)).replace(day=1)
        - datetime.timedelta(days=1), tags=("posyandu", "stunting", "skdn"),
    )


def publish_month(*, actor, pemda, month: datetime.date, request=None) -> str | None:
    if actor is not None:
        policy.require(actor, "posyandu.publish", Target(pemda.pk))
    ref = publishing.publish(skdn_table(pemda=pemda, month=month.replace(day=1)), pemda=pemda)
    audit.record(actor=actor, action="posyandu.publish", pemda=pemda, request=request,
                 changes={"month": [None, f"{month:%Y-%m}"], "ref": [None, ref]})
    return ref
