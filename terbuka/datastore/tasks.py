"""Background jobs of the datastore: loading an uploaded table."""

from terbuka.core.jobs import job


@job(retries=1, retry_delay=10)
def ingest_version(version_id: int) -> None:
    from terbuka.datastore import services

    services.version_ingest(version_id=version_id)
