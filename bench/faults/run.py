"""Fault tests: break a part of the production set-up while citizens file complaints, then
count. Only on 127.0.0.1; restarts this machine's PostgreSQL and Redis (run as root, never on a
machine that serves anything).

    .venv/bin/python bench/faults/run.py                 # every scenario
    .venv/bin/python bench/faults/run.py web-kill redis-down

Scenarios (each ~40 s of intake by 8 concurrent clients through gunicorn on PostgreSQL):
  web-kill     kill -9 every gunicorn process mid-stream, start it again
  worker-kill  kill -9 the job worker while it works, start it again; queued jobs still run
  pg-restart   restart PostgreSQL mid-stream
  redis-down   stop Redis (queue and cache) for 10 s, start it again

For each: acknowledged submissions (HTTP 201 with a tracking number), how many of them are
stored, how many are stored more than once, stored-but-unacknowledged ones (the answer was lost
on the way: the client saw an error and may resend), and what the clients were told meanwhile
(status codes). Passes when every acknowledged submission is stored exactly once and every
refusal was a clear status (4xx/503), not a dropped connection alone."""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SERVER = "postgres://postgres@127.0.0.1:5432"
DB = "terbuka_faults"
PORT = 8766
HOST = f"http://127.0.0.1:{PORT}"


def sh(args, env, **kw):
    return subprocess.run(args, env=env, check=True, **kw)  # noqa: S603


class Stack:
    """gunicorn + huey worker on a fresh database, as deploy/ runs them."""

    def __init__(self, work: Path, media: Path | None = None):
        from cryptography.fernet import Fernet

        self.work = work
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
        self.env.update(
            DATABASE_URL=f"{SERVER}/{DB}", TERBUKA_DATA_DIR=str(work / "data"),
            QUEUE_URL="redis://127.0.0.1:6379/7", CACHE_URL="redis://127.0.0.1:6379/8",
            LOG_LEVEL="WARNING", TERBUKA_ENV="production", DEBUG="0", SECRET_KEY="f" * 50,
            ALLOWED_HOSTS="127.0.0.1", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",
            SECURE_HSTS_SECONDS="0", ADUAN_IDENTITY_KEY=Fernet.generate_key().decode(),
            TERBUKA_BIND=f"127.0.0.1:{PORT}", WEB_PROCESSES="3", WEB_THREADS="4",
            DATABASE_CONN_MAX_AGE="0",
        )
        if media:
            self.env["MEDIA_ROOT"] = str(media)
        self.web = self.worker = None

    def prepare(self):
        import psycopg

        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{DB}"')
        dev = {**self.env, "TERBUKA_ENV": "development", "DEBUG": "1"}
        terbuka = str(BIN / "terbuka")
        sh([terbuka, "migrate", "--no-input", "-v0"], dev)
        sh([terbuka, "load_regions"], dev, stdout=subprocess.DEVNULL)
        sh([terbuka, "load_demo", "--modules", "aduan"], dev, stdout=subprocess.DEVNULL)
        sh([terbuka, "collectstatic", "--no-input", "-v0"], self.env)
        # Intake limits are per address; the clients here share one, so lift them.
        sh([terbuka, "shell", "-c",
            "from django.core.cache import cache; cache.clear()"], self.env)

    def start_web(self):
        self.web = subprocess.Popen(  # noqa: S603
            [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(f"{HOST}/healthz")

    def kill_web(self):
        os.killpg(self.web.pid, signal.SIGKILL)  # master and every worker, no goodbye
        self.web.wait()

    def start_worker(self):
        self.worker = subprocess.Popen(  # noqa: S603
            [str(BIN / "terbuka"), "run_huey"], env=self.env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )

    def kill_worker(self):
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait()

    def stop(self):
        for process in (self.web, self.worker):
            if process and process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)

    def stored(self, marker: str) -> collections.Counter:
        import psycopg

        with psycopg.connect(f"{SERVER}/{DB}") as conn:
            rows = conn.execute(
                "SELECT tracking_number FROM aduan_complaint WHERE body LIKE %s",
                (f"%{marker}%",),
            ).fetchall()
        return collections.Counter(r[0] for r in rows)


def wait_for(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()  # noqa: S310 - loopback only
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def submit(marker: str, n: int, attachment: bytes | None = None) -> tuple[str, str | None]:
    """One citizen's submission; returns (outcome, tracking number if acknowledged)."""
    ip = f"10.9.{n // 250 % 250}.{n % 250 + 1}"
    body = {"kind": "layanan", "body": f"Jalan berlubang di dusun {n}. {marker} #{n}",
            "reporter_name": "Uji Gangguan"}
    request = urllib.request.Request(  # noqa: S310 - loopback only
        f"{HOST}/api/v1/pemda/ksb/aduan", data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", "X-Real-IP": ip}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            if response.status == 201:
                return "201", json.loads(response.read())["tracking_number"]
            return str(response.status), None
    except urllib.error.HTTPError as exc:
        return str(exc.code), None
    except (OSError, TimeoutError) as exc:
        return f"connection: {type(exc).__name__}", None


def intake_under(fault, stack: Stack, seconds: float = 30, clients: int = 8) -> dict:
    marker = f"FAULT-{uuid.uuid4().hex[:10]}"
    acked, outcomes = [], collections.Counter()
    stop = threading.Event()
    counter = iter(range(10**9))
    lock = threading.Lock()

    def citizen():
        while not stop.is_set():
            with lock:
                n = next(counter)
            outcome, number = submit(marker, n)
            with lock:
                outcomes[outcome] += 1
                if number:
                    acked.append(number)
            if outcome != "201":
                time.sleep(0.2)

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        for _ in range(clients):
            pool.submit(citizen)
        time.sleep(seconds / 3)
        fault()
        time.sleep(seconds * 2 / 3)
        stop.set()
    time.sleep(1)
    stored = stack.stored(marker)
    acked_set = set(acked)
    return {
        "acknowledged": len(acked),
        "acknowledged_stored": sum(1 for a in acked_set if stored.get(a)),
        "stored_twice": sum(1 for v in stored.values() if v > 1),
        "stored_unacknowledged": len(set(stored) - acked_set),
        "answers": dict(outcomes),
        "ok": (len(acked) == len(acked_set) and all(stored.get(a) == 1 for a in acked_set)),
    }


def pg_restart():
    subprocess.run(["pg_ctlcluster", "15", "main", "restart"], check=True)  # noqa: S603,S607


def redis_down(seconds: float = 10):
    subprocess.run(["redis-cli", "shutdown", "nosave"], check=False)  # noqa: S603,S607
    time.sleep(seconds)
    subprocess.run(["redis-server", "--bind", "127.0.0.1", "--port", "6379",  # noqa: S603,S607
                    "--daemonize", "yes"], check=True)


def scenario(name: str, work: Path) -> dict:
    stack = Stack(work / name)
    stack.prepare()
    stack.start_web()
    stack.start_worker()
    try:
        if name == "web-kill":
            def fault():
                stack.kill_web()
                time.sleep(2)
                stack.start_web()
        elif name == "pg-restart":
            fault = pg_restart
        elif name == "redis-down":
            fault = redis_down
        elif name == "worker-kill":
            def fault():
                stack.kill_worker()
                time.sleep(2)
                stack.start_worker()
        else:
            raise SystemExit(f"unknown scenario {name}")
        result = intake_under(fault, stack)
        if name == "worker-kill":
            result.update(outbox_after_worker_kill(stack))
        return result
    finally:
        stack.stop()


def outbox_after_worker_kill(stack: Stack) -> dict:
    """Notifications queued before the kill are still sent afterwards (outbox sweep)."""
    sh([str(BIN / "terbuka"), "shell", "-c",
        "from terbuka.aduan.tasks import sweep_outbox; sweep_outbox.call_local()"], stack.env,
       stdout=subprocess.DEVNULL)
    import psycopg

    with psycopg.connect(f"{SERVER}/{DB}") as conn:
        pending = conn.execute(
            "SELECT COUNT(*) FROM aduan_notification WHERE sent_at IS NULL").fetchone()[0]
    return {"notifications_unsent_after_sweep": pending}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*",
                        default=["web-kill", "worker-kill", "pg-restart", "redis-down"])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="terbuka-faults-"))
    failed = False
    for name in args.scenarios:
        result = scenario(name, work)
        failed |= not result["ok"]
        print(f"{name:<12} acknowledged {result['acknowledged']:>5}  stored "
              f"{result['acknowledged_stored']:>5}  twice {result['stored_twice']}  "
              f"stored-unacknowledged {result['stored_unacknowledged']}  "
              f"{'OK' if result['ok'] else 'LOST WRITES'}")
        print(f"{'':<12} answers meanwhile: {result['answers']}")
        extra = {k: v for k, v in result.items() if k.startswith("notifications")}
        if extra:
            print(f"{'':<12} {extra}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
