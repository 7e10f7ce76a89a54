"""The shipped gunicorn configuration serves Terbuka: several processes, probes answering,
and /metrics adding up the counters of every process (PROMETHEUS_MULTIPROC_DIR)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.status, response.read().decode()


@pytest.fixture
def server(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        TERBUKA_DATA_DIR=str(tmp_path / "data"), TERBUKA_ENV="development", DEBUG="0",
        TERBUKA_BIND=f"127.0.0.1:{port}", WEB_PROCESSES="2", WEB_THREADS="2",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
    )
    (tmp_path / "metrics").mkdir()
    subprocess.run([sys.executable, "-m", "terbuka.cli", "migrate", "--no-input", "-v0"],  # noqa: S603
                   env=env, check=True, timeout=300)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(  # noqa: S603
        [str(gunicorn), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            _get(f"{base}/healthz")
            break
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode()[-2000:]) from None
            time.sleep(0.3)
    yield base
    process.terminate()
    process.wait(timeout=30)


def test_probes_and_metrics_across_processes(server):
    assert _get(f"{server}/healthz") == (200, '{"status": "ok"}')
    status, body = _get(f"{server}/readyz")
    assert status == 200 and '"status": "ok"' in body
    for _ in range(20):  # spread over both processes by the kernel's accept queue
        _get(f"{server}/healthz")
    _, text = _get(f"{server}/metrics")
    total = sum(
        s.value for family in text_string_to_metric_families(text) for s in family.samples
        if s.name == "terbuka_http_requests_total" and s.labels.get("route") == "healthz"
    )
    assert total >= 21  # every process's count, not just the one answering /metrics
