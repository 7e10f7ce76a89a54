"""gunicorn settings for Terbuka's web processes (see docs/deploy.md)."""

import multiprocessing
import os
import shutil
from pathlib import Path

bind = os.environ.get("TERBUKA_BIND", "127.0.0.1:8000")
# Threads let one process hold the operators' live queue (server-sent events) open while it
# answers other requests; processes use the cores.
worker_class = "gthread"
workers = int(os.environ.get("WEB_PROCESSES", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("WEB_THREADS", 8))
timeout = 60
graceful_timeout = 30
keepalive = 5
max_requests = 5000  # recycle slowly leaking processes
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "terbuka.wsgi:application"


def on_starting(server):
    # prometheus_client keeps each process's counters here; stale files from the last run
    # would be added to the new ones.
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        Path(directory).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
