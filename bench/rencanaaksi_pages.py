"""Rencana aksi pages and exports: time and queries per request on the demo plans.

    .venv/bin/python bench/rencanaaksi_pages.py [--calls 20]

Builds a scratch SQLite database (migrated; only the NTB, KSB and Banggai region subtrees),
loads the module's demo plans (NTB + KSB consortium: 9 commitments, 36 milestones, 36 progress
reports, 8 co-creation steps; Banggai: 4 commitments), then requests each public page and each
export --calls times through Django's test client. Prints, per URL, the response size, the
number of SQL queries and p50/max time. There is no floor in the issue; the figures show that
the pages are a bounded number of queries that does not grow with the data beyond a plan.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=20)
    args = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="ra-bench-")
    os.environ.update({"TERBUKA_DATA_DIR": scratch, "DATABASE_URL": f"sqlite:///{scratch}/db",
                       "TERBUKA_ENV": "test", "DEBUG": "0", "QUEUE_IMMEDIATE": "1",
                       "DJANGO_SETTINGS_MODULE": "terbuka.settings"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    from terbuka.core.tests.factories import BANGGAI, KSB, NTB, make_pemda
    from terbuka.rencanaaksi import demo
    from terbuka.rencanaaksi.models import ActionPlan, Commitment

    pemdas = [make_pemda("ntb", NTB, subtree=False), make_pemda("ksb", KSB),
              make_pemda("banggai", BANGGAI)]
    t0 = time.perf_counter()
    for pemda in pemdas:
        demo.load(pemda, io.StringIO())
    print(f"demo plans loaded in {time.perf_counter() - t0:.2f} s: "
          f"{ActionPlan.objects.count()} plans, {Commitment.objects.count()} commitments")
    plan = ActionPlan.objects.get(slug=demo.CONSORTIUM_SLUG)
    commitment = plan.commitments.order_by("number").first()
    urls = [
        "/rencana-aksi/",
        "/ntb/rencana-aksi/",
        f"/ntb/rencana-aksi/{plan.slug}/",
        f"/ntb/rencana-aksi/{plan.slug}/uji-publik/",
        f"/ntb/rencana-aksi/komitmen/{commitment.pk}/",
        f"/ntb/rencana-aksi/{plan.slug}/ekspor.json",
        f"/ntb/rencana-aksi/{plan.slug}/ekspor.csv",
        f"/ntb/rencana-aksi/{plan.slug}/ekspor.docx",
        f"/ntb/rencana-aksi/{plan.slug}/ekspor.xlsx",
    ]
    client = Client()
    print(f"{'url':<58} {'bytes':>8} {'queries':>7} {'p50 ms':>8} {'max ms':>8}")
    failed = False
    for url in urls:
        times, queries = [], []
        # Django resets connection.queries when a request starts: count with a wrapper.
        with connection.execute_wrapper(
                lambda run, sql, *a, seen=queries: seen.append(sql) or run(sql, *a)):
            response = client.get(url)
        size = len(response.content)
        failed = failed or response.status_code != 200
        for _ in range(args.calls):
            t0 = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
        print(f"{url:<58} {size:>8} {len(queries):>7} {statistics.median(times):>8.1f} "
              f"{max(times):>8.1f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
