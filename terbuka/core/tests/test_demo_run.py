"""`run_demo` starts the web server and the job worker, and stops both when told to."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children_of(pid: int) -> list[int]:
    path = f"/proc/{pid}/task/{pid}/children"
    if not os.path.exists(path):
        pytest.skip("needs /proc to see child processes")
    with open(path) as f:
        return [int(p) for p in f.read().split()]


def cmdline(pid: int) -> str:
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        return f.read().replace(b"\0", b" ").decode()


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_serves_and_stops_both_processes(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("QUEUE_IMMEDIATE", "DATABASE_URL")}
    env.update(TERBUKA_ENV="development", TERBUKA_DATA_DIR=str(tmp_path))
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "terbuka", "run_demo", "--addr", f"127.0.0.1:{port}"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        status = None
        deadline = time.monotonic() + 30
        while status is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/terbuka/terbuka.css",
                                            timeout=2) as response:  # noqa: S310
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError:
                time.sleep(0.3)
        assert status is not None, "the web server never answered"
        kids = children_of(proc.pid)
        commands = sorted(cmdline(k) for k in kids)
        assert len(commands) == 2
        assert "run_huey" in commands[0] and "runserver" in commands[1]

        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)

        time.sleep(0.5)
        assert [k for k in kids if alive(k)] == []
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, "the server still listens"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
