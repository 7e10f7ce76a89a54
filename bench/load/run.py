"""Load test: Terbuka as deployed (gunicorn with the shipped config, huey worker, PostgreSQL,
Redis) under mixed traffic from Locust, only on 127.0.0.1.

    .venv/bin/python bench/load/run.py                 # 10 minutes at ~200 requests/s
    .venv/bin/python bench/load/run.py --duration 60   # a quick look
    .venv/bin/python bench/load/run.py --reuse         # keep the database loaded last time

Prints per endpoint: requests, failures, p50/p95/p99 (ms); then throughput and the floor
(0 errors and p99 <= 300 ms at 200 requests/s on this machine with PostgreSQL)."""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SERVER = "postgres://postgres@127.0.0.1:5432"

SETUP_SNIPPET = r"""
import json
from terbuka.accounts.services import token_create
from terbuka.core.demo import demo_user
from terbuka.core.models import Pemda, RoleAssignment
out = {"pemda": [], "operators": [], "kader": []}
for pemda in Pemda.objects.filter(slug__in=["ntb", "ksb", "banggai"]):
    out["pemda"].append(pemda.slug)
    op = demo_user(pemda, "operator_aduan")
    if op:
        out["operators"].append({"pemda": pemda.slug,
                                 "token": token_create(actor=op, user=op, name="load")[1]})
    kader = demo_user(pemda, "kader_posyandu")
    if kader:
        from terbuka.posyandu.models import Posyandu
        for a in RoleAssignment.objects.filter(user=kader, place__isnull=False):
            pos = Posyandu.objects.filter(place=a.place).first()
            if pos:
                token = token_create(actor=kader, user=kader, name="load")[1]
                out["kader"].append({"posyandu_id": pos.pk, "token": token})
print("SETUP" + json.dumps(out))
"""


def sh(args, env, **kw):
    return subprocess.run(args, env=env, check=True, **kw)  # noqa: S603


def wait_for(url: str, seconds: int = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 - loopback only
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=600, help="seconds (default 600)")
    parser.add_argument("--users", type=int, default=230, help="~200 requests/s with 230")
    parser.add_argument("--database", default="terbuka_load")
    parser.add_argument("--reuse", action="store_true", help="skip creating and loading data")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="terbuka-load-"))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    base_env.update(
        DATABASE_URL=f"{SERVER}/{args.database}", TERBUKA_DATA_DIR=str(work / "data"),
        QUEUE_URL="redis://127.0.0.1:6379/5", CACHE_URL="redis://127.0.0.1:6379/6",
        LOG_LEVEL="WARNING",
    )
    dev_env = {**base_env, "TERBUKA_ENV": "development"}
    terbuka = [str(BIN / "terbuka")]
    if not args.reuse:
        import psycopg

        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{args.database}"')
        started = time.monotonic()
        sh([*terbuka, "migrate", "--no-input", "-v0"], dev_env)
        sh([*terbuka, "load_regions"], dev_env, stdout=subprocess.DEVNULL)
        sh([*terbuka, "load_demo"], dev_env, stdout=subprocess.DEVNULL)
        print(f"data loaded in {time.monotonic() - started:.0f} s")
    out = sh([*terbuka, "shell", "-c", SETUP_SNIPPET], dev_env, capture_output=True,
             text=True).stdout
    setup = json.loads(out.split("SETUP", 1)[1])

    from cryptography.fernet import Fernet

    prod_env = {
        **base_env, "TERBUKA_ENV": "production", "DEBUG": "0", "SECRET_KEY": "l" * 50,
        "ALLOWED_HOSTS": "127.0.0.1", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0", "ADUAN_IDENTITY_KEY": Fernet.generate_key().decode(),
        "PROMETHEUS_MULTIPROC_DIR": str(work / "metrics"),
        "TERBUKA_BIND": f"127.0.0.1:{args.port}",
    }
    (work / "metrics").mkdir()
    sh([*terbuka, "collectstatic", "--no-input", "-v0"], prod_env)
    logs = contextlib.ExitStack()

    def log(name: str):
        return logs.enter_context(open(work / name, "w"))  # noqa: SIM115 - closed by the stack
    web = subprocess.Popen(  # noqa: S603
        [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
        env=prod_env, cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=log("web.log"),
    )
    worker = subprocess.Popen(  # noqa: S603
        [*terbuka, "run_huey"], env=prod_env, stdout=subprocess.DEVNULL,
        stderr=log("worker.log"))
    host = f"http://127.0.0.1:{args.port}"
    try:
        wait_for(f"{host}/readyz")
        locust_env = {**os.environ, "TERBUKA_LOAD_SETUP": json.dumps(setup)}
        sh([str(BIN / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")),
            "--headless", "-u", str(args.users), "-r", str(max(1, args.users // 20)),
            "--run-time", f"{args.duration}s", "--host", host, "--csv", str(work / "out"),
            "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "10"],
           locust_env, stdout=subprocess.DEVNULL,
           stderr=log("locust.log"))
    except subprocess.CalledProcessError:
        pass  # locust exits 1 when any request failed; the report below says which
    finally:
        for process in (web, worker):
            process.send_signal(signal.SIGTERM if process is web else signal.SIGINT)
        for process in (web, worker):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        logs.close()

    with open(work / "out_stats.csv") as fh:
        rows = list(csv.DictReader(fh))
    print(f"{'endpoint':<48} {'requests':>9} {'fails':>6} {'p50':>6} {'p95':>6} {'p99':>6}")
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        label = f"{row['Type']} {name}".strip()[:48]
        print(f"{label:<48} {row['Request Count']:>9} {row['Failure Count']:>6} "
              f"{row['50%']:>6} {row['95%']:>6} {row['99%']:>6}")
    total = next(r for r in rows if r["Name"] == "Aggregated")
    rate = float(total["Requests/s"])
    failures = int(total["Failure Count"])
    p99 = float(total["99%"])
    print(f"\nthroughput {rate:.1f} requests/s over {args.duration} s with {args.users} users; "
          f"{failures} failed; p99 {p99:.0f} ms")
    if (work / "out_failures.csv").exists():
        with open(work / "out_failures.csv") as fh:
            failed = list(csv.DictReader(fh))
        for row in failed[:10]:
            print(f"  failure: {row['Method']} {row['Name']}: {row['Error'][:150]} "
                  f"x{row['Occurrences']}")
    ok = failures == 0 and p99 <= 300 and rate >= 190
    print(f"floor (0 errors, p99 <= 300 ms, >= 200 requests/s): {'MET' if ok else 'NOT MET'}")
    print(f"logs in {work}")


if __name__ == "__main__":
    main()
