"""TERBUKA_ENV=production refuses to start with the development secret key or with DEBUG on."""

import os
import subprocess
import sys

GOOD_KEY = "k" * 20 + "-a-random-enough-production-key"
CLEARED = ("TERBUKA_ENV", "SECRET_KEY", "DEBUG", "DATABASE_URL", "QUEUE_URL", "QUEUE_IMMEDIATE")


def import_settings(tmp_path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED}
    clean.update(TERBUKA_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", "import terbuka.settings"],
        env=clean, capture_output=True, text=True, timeout=60, check=False,
    )


def test_refuses_the_default_secret_key(tmp_path):
    result = import_settings(tmp_path, TERBUKA_ENV="production", DEBUG="0")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_refuses_a_short_secret_key(tmp_path):
    result = import_settings(tmp_path, TERBUKA_ENV="production", DEBUG="0", SECRET_KEY="short")

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_refuses_debug_on(tmp_path):
    result = import_settings(tmp_path, TERBUKA_ENV="production", DEBUG="1", SECRET_KEY=GOOD_KEY)

    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_starts_with_a_real_key_and_debug_off(tmp_path):
    result = import_settings(tmp_path, TERBUKA_ENV="production", SECRET_KEY=GOOD_KEY)

    assert result.returncode == 0, result.stderr


def test_development_starts_with_defaults(tmp_path):
    result = import_settings(tmp_path)

    assert result.returncode == 0, result.stderr
