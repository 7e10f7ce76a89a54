"""Benchmark the lingkungan demo loader (Banggai: 38 bank sampah, a year of books) on SQLite.

    .venv/bin/python bench/lingkungan_demo_load.py

A temporary SQLite file is migrated and given Banggai's region codes before the clock starts.
Timed: `lingkungan.demo.load` for Banggai (simulation and bulk inserts), then `ledger_verify`
over every unit (every cached balance recomputed from the postings). Prints the figures and
the size of the work; exits non-zero when the load reaches the 30 s floor.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_SECONDS = 30.0


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
        os.environ.setdefault("TERBUKA_ENV", "test")
        os.environ.setdefault("QUEUE_IMMEDIATE", "1")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import transaction

        call_command("migrate", verbosity=0)
        from terbuka.core.tests.factories import BANGGAI, make_pemda
        from terbuka.lingkungan import demo, selectors
        from terbuka.lingkungan.models import Posting, TransaksiLine, Unit

        pemda = make_pemda("banggai", BANGGAI)
        started = time.perf_counter()
        with transaction.atomic():
            counts = demo.load(pemda)
        loaded = time.perf_counter() - started
        started = time.perf_counter()
        problems = sum(len(selectors.ledger_verify(u)) for u in Unit.objects.filter(pemda=pemda))
        verified = time.perf_counter() - started
        print(f"demo load (SQLite): {loaded:.1f} s for {counts}")
        print(f"  rows: {TransaksiLine.objects.count()} lines, {Posting.objects.count()} postings")
        print(f"ledger_verify over {counts['bank_sampah']} units: {verified:.1f} s, "
              f"{problems} mismatches")
        return 1 if loaded >= FLOOR_SECONDS or problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
