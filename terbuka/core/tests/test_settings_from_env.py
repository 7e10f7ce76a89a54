"""Database, queue and cache are chosen by environment variables; a bad value is a clear error."""

import json
import os
import subprocess
import sys

CLEARED = (
    "TERBUKA_ENV", "SECRET_KEY", "DEBUG", "DATABASE_URL", "QUEUE_URL", "QUEUE_IMMEDIATE",
    "CACHE_URL",
)
REPORT = (
    "import json, terbuka.settings as s; print(json.dumps({'db': s.DATABASES['default'],"
    " 'huey': s.HUEY, 'cache': s.CACHES['default']}, default=str))"
)


def settings_with(tmp_path, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED}
    clean.update(TERBUKA_DATA_DIR=str(tmp_path), **env)
    return subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-c", REPORT],
        env=clean, capture_output=True, text=True, timeout=60, check=False,
    )


def loaded(tmp_path, **env: str) -> dict:
    result = settings_with(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_defaults_need_no_server(tmp_path):
    conf = loaded(tmp_path)

    assert conf["db"]["ENGINE"] == "django.db.backends.sqlite3"
    assert conf["db"]["NAME"] == str(tmp_path / "terbuka.sqlite3")
    assert conf["huey"]["huey_class"] == "huey.SqliteHuey"
    assert conf["huey"]["filename"] == str(tmp_path / "queue.sqlite3")
    assert conf["huey"]["immediate"] is False
    assert conf["cache"]["LOCATION"] == str(tmp_path / "cache")


def test_database_url_selects_postgresql(tmp_path):
    conf = loaded(tmp_path, DATABASE_URL="postgres://terbuka:pw@db.internal:5433/terbuka_prod")

    assert conf["db"]["ENGINE"] == "django.db.backends.postgresql"
    assert (conf["db"]["HOST"], conf["db"]["PORT"], conf["db"]["NAME"]) == (
        "db.internal", 5433, "terbuka_prod"
    )


def test_queue_url_selects_redis(tmp_path):
    conf = loaded(tmp_path, QUEUE_URL="redis://queue.internal:6379/2")

    assert conf["huey"]["huey_class"] == "huey.PriorityRedisHuey"
    assert conf["huey"]["url"] == "redis://queue.internal:6379/2"
    assert "filename" not in conf["huey"]


def test_cache_url_selects_redis(tmp_path):
    conf = loaded(tmp_path, CACHE_URL="redis://cache.internal:6379/1")

    assert conf["cache"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def test_bad_queue_url_is_a_clear_error(tmp_path):
    result = settings_with(tmp_path, QUEUE_URL="amqp://guest@rabbit:5672/")

    assert result.returncode != 0
    assert "QUEUE_URL must be a redis:// URL" in result.stderr
    assert "amqp://guest@rabbit:5672/" in result.stderr


def test_bad_boolean_is_a_clear_error(tmp_path):
    result = settings_with(tmp_path, QUEUE_IMMEDIATE="sometimes")

    assert result.returncode != 0
    assert "QUEUE_IMMEDIATE must be a boolean" in result.stderr
