"""LOG_FORMAT=json writes one parseable object per line, extras and tracebacks included."""

import json
import logging

from terbuka.ops.logs import JsonFormatter


def test_a_record_becomes_one_json_line():
    record = logging.makeLogRecord({
        "name": "terbuka.aduan", "levelname": "WARNING", "levelno": 30,
        "msg": "intake slow: %s ms", "args": (250,), "tracking": "NTB-2611-7Q4K",
        "created": 1790000000.0,
    })
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "intake slow: 250 ms"
    assert entry["level"] == "WARNING" and entry["logger"] == "terbuka.aduan"
    assert entry["tracking"] == "NTB-2611-7Q4K"
    assert entry["time"].startswith("2026-09-21T")


def test_exceptions_keep_their_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.makeLogRecord({"msg": "failed", "exc_info": sys.exc_info()})
    entry = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in entry["exception"]
