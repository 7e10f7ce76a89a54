"""Complaint intake under load: HTTP submissions against the production set-up.

    .venv/bin/python bench/aduan_intake.py                       # 300/s for 20 s
    .venv/bin/python bench/aduan_intake.py --rate 400 --seconds 30
    .venv/bin/python bench/aduan_intake.py --pg postgres://postgres@127.0.0.1:5432/terbuka_aduan_bench

What it does:
1. drops and re-creates the PostgreSQL database named by --pg, migrates it and creates
   Kabupaten Sumbawa Barat with its complaint categories (as the demo does);
2. starts gunicorn with deploy/gunicorn.conf.py (gthread workers), TERBUKA_ENV=production,
   DEBUG off, the Redis cache when Redis answers on 127.0.0.1:6379 (else the file cache);
3. sends `POST /api/v1/pemda/ksb/aduan` at a fixed offered rate (open loop: request k is due
   at start + k/rate, whether or not earlier ones have finished), each as if from another
   citizen behind the nginx proxy (X-Real-IP from a pool of 5,000 addresses, so the
   per-client rate limiter runs on every request without refusing), with varied texts,
   categories and desa;
4. prints the achieved rate, p50/p95/p99/max latency (measured from when each request was
   due, so a server falling behind shows in the figures), the count of submissions
   acknowledged (201 with a tracking number) and the count stored in the database for those
   numbers. The two must be equal; the script exits non-zero when they differ, when any
   request failed, or when the floor (rate ≥ 300/s, p99 ≤ 200 ms) is missed.

The first two seconds are a warm-up, sent and checked but left out of the latency figures.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
FLOOR_RATE = 300.0
FLOOR_P99_MS = 200.0
WARMUP_SECONDS = 2.0

TEXTS = (
    "Puskesmas {d} tutup sebelum jam layanan, pasien pulang tanpa dilayani.",
    "Jalan menuju Desa {d} rusak berat, berlubang dan tergenang saat hujan.",
    "Air PDAM di {d} tidak mengalir sejak tiga hari, warga membeli air galon.",
    "Pengurusan KTP-el di kantor camat untuk warga {d} diminta biaya tambahan.",
    "Lampu penerangan jalan di {d} padam sepanjang 500 meter, rawan kecelakaan.",
    "Sampah menumpuk di pasar {d}, belum diangkut selama seminggu.",
    "Bantuan sosial untuk lansia di {d} belum diterima bulan ini.",
    "Guru honorer SD di {d} belum menerima gaji tiga bulan.",
)
CATEGORIES = ("kesehatan", "infrastruktur", "air-bersih", "kependudukan", "sosial",
              "pendidikan", "lingkungan", None)


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, env=env, check=True, cwd=ROOT, **kwargs)


def prepare_database(pg_url: str, env: dict) -> list[str]:
    import psycopg

    parts = urllib.parse.urlparse(pg_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    run([str(VENV_BIN / "terbuka"), "migrate", "-v", "0"], env)
    setup = (
        "import django, json; django.setup();"
        "from terbuka.core.tests.factories import make_pemda;"
        "from terbuka.core.regions import desa_under;"
        "from terbuka.aduan.demo import ensure_categories;"
        "p = make_pemda('ksb', '52.07'); ensure_categories(p);"
        "print(json.dumps(list(desa_under('52.07').values_list('code', flat=True))))"
    )
    out = run([sys.executable, "-c", setup], env, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def redis_up() -> bool:
    try:
        import redis

        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_timeout=1).ping())
    except Exception:
        return False


def start_server(env: dict, port: int, log) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        env={**env, "TERBUKA_BIND": f"127.0.0.1:{port}"}, cwd=ROOT, stdout=log, stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/pemda/ksb/aduan/categories")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn exited during start-up; see its log above")
        time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


class Load:
    """Open-loop sender: slot k is due at t0 + k/rate; free threads take the next slot."""

    def __init__(self, port: int, rate: float, seconds: float, threads: int, desa: list[str]):
        self.port, self.rate, self.total = port, rate, int(rate * seconds)
        self.threads, self.desa = threads, desa
        self.next_slot = 0
        self.lock = threading.Lock()
        self.results: list[tuple[int, float, int, str]] = []  # slot, latency s, status, number
        self.t0 = 0.0

    def _take(self) -> int | None:
        with self.lock:
            if self.next_slot >= self.total:
                return None
            slot = self.next_slot
            self.next_slot += 1
            return slot

    def _worker(self, seed: int) -> None:
        rnd = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        local = []
        while (slot := self._take()) is not None:
            due = self.t0 + slot / self.rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            desa = rnd.choice(self.desa)
            payload = {
                "kind": rnd.choice(("layanan", "layanan", "layanan", "aspirasi", "informasi")),
                "category": rnd.choice(CATEGORIES),
                "body": rnd.choice(TEXTS).format(d=desa) + f" (laporan {slot})",
                "region_code": desa,
                "anonymous": rnd.random() < 0.1,
            }
            body = json.dumps(payload)
            headers = {"Content-Type": "application/json",
                       "X-Real-IP": f"10.{rnd.randrange(20)}.{rnd.randrange(250)}.1"}
            number, status = "", 0
            for attempt in range(2):
                try:
                    conn.request("POST", "/api/v1/pemda/ksb/aduan", body, headers)
                    response = conn.getresponse()
                    data = response.read()
                    status = response.status
                    if status == 201:
                        number = json.loads(data)["tracking_number"]
                    break
                except (http.client.HTTPException, OSError):
                    # A keep-alive connection the server closed between requests: the
                    # request was not sent, so sending it again cannot duplicate it.
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                    if attempt:
                        status = -1
            local.append((slot, time.perf_counter() - due, status, number))
        conn.close()
        with self.lock:
            self.results.extend(local)

    def run(self) -> float:
        workers = [threading.Thread(target=self._worker, args=(i,)) for i in range(self.threads)]
        self.t0 = time.perf_counter() + 0.2
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        return time.perf_counter() - self.t0


def stored_count(pg_url: str, numbers: list[str]) -> tuple[int, int]:
    import psycopg

    with psycopg.connect(pg_url) as conn:
        total = conn.execute("SELECT count(*) FROM aduan_complaint").fetchone()[0]
        matched = conn.execute(
            "SELECT count(*) FROM aduan_complaint WHERE tracking_number = ANY(%s)", (numbers,)
        ).fetchone()[0]
    return matched, total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/terbuka_aduan_bench")
    parser.add_argument("--rate", type=float, default=FLOOR_RATE, help="offered requests/s")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--threads", type=int, default=48, help="client threads")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="aduan-bench-")
    use_redis = redis_up()
    env = {
        **os.environ,
        "TERBUKA_ENV": "production", "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_SETTINGS_MODULE": "terbuka.settings",
        "DATABASE_URL": args.pg, "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TERBUKA_DATA_DIR": data_dir, "LOG_LEVEL": "WARNING",
        "ADUAN_IDENTITY_KEY": __import__("base64").urlsafe_b64encode(os.urandom(32)).decode(),
    }
    if use_redis:
        import redis

        # The bench's own Redis databases: earlier runs' rate-limit counters must not count.
        for db in (13, 14):
            redis.Redis(host="127.0.0.1", port=6379, db=db).flushdb()
        env["CACHE_URL"] = "redis://127.0.0.1:6379/14"
        env["QUEUE_URL"] = "redis://127.0.0.1:6379/13"
    env.pop("QUEUE_IMMEDIATE", None)
    print(f"preparing {args.pg} …", flush=True)
    desa = prepare_database(args.pg, env)
    log = open(Path(data_dir) / "gunicorn.log", "wb")  # noqa: SIM115 - closed at the end
    server = start_server(env, args.port, log)
    try:
        warm = Load(args.port, args.rate, WARMUP_SECONDS, args.threads, desa)
        warm.run()
        load = Load(args.port, args.rate, args.seconds, args.threads, desa)
        elapsed = load.run()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

    results = warm.results + load.results
    acknowledged = [number for _, _, status, number in results if status == 201]
    failed = [status for _, _, status, _ in results if status != 201]
    matched, total = stored_count(args.pg, acknowledged)
    latencies = sorted(lat * 1000 for _, lat, status, _ in load.results if status == 201)
    achieved = len(load.results) / elapsed if elapsed else 0.0

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else 0.0

    workers = os.environ.get("WEB_PROCESSES", str((os.cpu_count() or 1) * 2))
    print(f"server: gunicorn gthread, {workers} processes × "
          f"{os.environ.get('WEB_THREADS', '8')} threads, PostgreSQL, cache "
          f"{'Redis' if use_redis else 'file'}; {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at the end")
    print(f"offered {args.rate:.0f}/s for {args.seconds:.0f} s (+{WARMUP_SECONDS:.0f} s warm-up), "
          f"{args.threads} client threads on the same machine")
    print(f"sent {len(results)} submissions; achieved {achieved:.1f}/s over {elapsed:.1f} s")
    if latencies:
        print(f"latency from due time: p50 {pct(0.50):.1f} ms, p95 {pct(0.95):.1f} ms, "
              f"p99 {pct(0.99):.1f} ms, max {latencies[-1]:.1f} ms, "
              f"mean {statistics.fmean(latencies):.1f} ms")
    print(f"acknowledged {len(acknowledged)}, stored {matched} of those "
          f"({total} rows in the table), failed {len(failed)}"
          + (f" (statuses {sorted(set(failed))})" if failed else ""))
    if not args.keep:
        import psycopg

        parts = urllib.parse.urlparse(args.pg)
        with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')
    ok = matched == len(acknowledged) == total and not failed
    floor = achieved >= FLOOR_RATE * 0.98 and pct(0.99) <= FLOOR_P99_MS
    print("acknowledged == stored: " + ("yes" if ok else "NO"))
    print(f"floor ({FLOOR_RATE:.0f}/s, p99 ≤ {FLOOR_P99_MS:.0f} ms): "
          + ("met" if floor else "NOT met"))
    return 0 if ok and floor else 1


if __name__ == "__main__":
    sys.exit(main())
