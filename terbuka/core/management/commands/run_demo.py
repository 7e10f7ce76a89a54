"""`terbuka run_demo`: the web server and the job worker together, stopped together."""

import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Serve the demo: runs `terbuka run_huey` (the job worker) and `terbuka runserver` side by "
        "side, and stops both on Ctrl-C or when either exits."
    )

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port to serve on")

    def handle(self, *args, addr="127.0.0.1:8000", **options):
        manage = [sys.executable, "-m", "terbuka"]
        # No autoreloader: it forks a second server process that would outlive a SIGTERM.
        commands = {
            "worker": [*manage, "run_huey"],
            "web": [*manage, "runserver", addr, "--noreload"],
        }
        children = {name: subprocess.Popen(cmd) for name, cmd in commands.items()}  # noqa: S603
        self.stdout.write(f"Terbuka demo on http://{addr}/ntb/ (Ctrl-C stops it).")

        def stop(signum, frame):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        code = 0
        try:
            while True:
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(f"The {name} process exited with {child.returncode}.")
                        code = child.returncode or 1
                        raise KeyboardInterrupt
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.terminate()
            for child in children.values():
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        if code:
            sys.exit(code)
