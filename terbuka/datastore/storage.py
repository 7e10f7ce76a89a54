"""Where the Parquet files live: DATASTORE_DIR (default var/datastore), one folder per table."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def root() -> Path:
    path = Path(getattr(settings, "DATASTORE_DIR", "") or settings.DATA_DIR / "datastore")
    path.mkdir(parents=True, exist_ok=True)
    return path


def relative_parquet(version) -> str:
    table = version.table
    return f"{table.pemda_id}/{table.resource_uuid}/v{version.number}.parquet"


def absolute(relative: str) -> str:
    path = root() / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(path)
