"""Benchmark the SMS gateway: how many Gammu inbox messages Terbuka turns into complaints,
status answers and triage items per second, on SQLite.

    .venv/bin/python bench/saluran_sms.py [--messages 1000]

A temporary SQLite file is migrated and given KSB's region codes and complaint categories
before the clock starts. The spool gets N messages named and encoded as Gammu SMSD's files
backend writes them (UTF-16 with BOM): 60 % `ADUAN#<desa>#…`, 20 % `CEK <number>` for
earlier complaints, 20 % free text. Timed: one `sms_process` run (claim, parse, match the
desa, `complaint_submit`, answer, write every outbox file). Prints the figures and exits
non-zero under the floor of 20 messages per second (a busy district gateway receives a few
hundred a day; one modem sends about one per second).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR_PER_SECOND = 20.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
        os.environ.setdefault("TERBUKA_ENV", "test")
        os.environ.setdefault("QUEUE_IMMEDIATE", "1")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "terbuka.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from terbuka.aduan.demo import ensure_categories
        from terbuka.aduan.models import Complaint
        from terbuka.core.models import Region, RegionLevel
        from terbuka.core.tests.factories import KSB, make_pemda
        from terbuka.saluran.models import SmsGateway, SmsMessage, TriageItem
        from terbuka.saluran.services import sms_process

        pemda = make_pemda("ksb", KSB)
        ensure_categories(pemda)
        desa = list(Region.objects.filter(kabupaten_code=KSB, level=RegionLevel.DESA_KELURAHAN)
                    .values_list("name", flat=True))
        inbox, outbox = Path(scratch, "inbox"), Path(scratch, "outbox")
        inbox.mkdir()
        gateway = SmsGateway.objects.create(pemda=pemda, inbox_path=str(inbox),
                                            outbox_path=str(outbox))
        # A few earlier complaints for the CEK messages to ask about.
        seed_count = 20
        for i in range(seed_count):
            _drop(inbox, i, f"ADUAN#{desa[i % len(desa)]}#Keluhan awal {i}")
        sms_process(gateway=gateway)
        numbers = list(Complaint.objects.values_list("tracking_number", flat=True))
        for i in range(args.messages):
            kind = i % 5
            if kind < 3:
                text = f"ADUAN#{desa[i % len(desa)]}#Jalan berlubang di dekat sekolah nomor {i}"
            elif kind == 3:
                text = f"CEK {numbers[i % len(numbers)]}"
            else:
                text = f"Pak lampu jalan mate leq gubuk kami nomor {i}"
            _drop(inbox, seed_count + i, text)
        started = time.perf_counter()
        counts = sms_process(gateway=gateway)
        elapsed = time.perf_counter() - started
        rate = args.messages / elapsed
        print(f"sms_process (SQLite): {args.messages} messages in {elapsed:.1f} s = "
              f"{rate:.0f} messages/s")
        print(f"  {counts}")
        print(f"  rows: {Complaint.objects.count()} complaints, {TriageItem.objects.count()} "
              f"triage items, {SmsMessage.objects.count()} SMS, "
              f"{len(list(outbox.glob('OUT*.txt')))} outbox files")
        return 1 if rate < FLOOR_PER_SECOND else 0


def _drop(inbox: Path, index: int, text: str) -> None:
    stamp = f"20261123_{index // 3600 % 24:02d}{index // 60 % 60:02d}{index % 60:02d}"
    serial = f"{index // 86400 % 100:02d}"
    sender = f"+62812{index:07d}"
    (inbox / f"IN{stamp}_{serial}_{sender}_00.txt").write_bytes(
        b"\xff\xfe" + text.encode("utf-16-le"))


if __name__ == "__main__":
    raise SystemExit(main())
