"""The datastore app's part of /api/v1/: the load status of a table's versions (what an
uploader's client polls) and publishing rows into a resource's table (the publish service for
clients outside the platform; modules inside it call core.publishing)."""

import datetime
from typing import Any

from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from terbuka.api.errors import ERRORS_READ, ERRORS_WRITE
from terbuka.datastore import selectors, services
from terbuka.datastore.ingest.messages import IngestError

router = Router(tags=["datastore"])
MAX_API_ROWS = 100_000


class ProblemOut(Schema):
    row: int | None
    column: str | None
    code: str
    message: str


class VersionOut(Schema):
    number: int
    status: str = Field(description="queued, running, live, failed or superseded")
    progress: float = Field(description="0–1 while loading")
    rows_done: int
    row_count: int
    error_count: int
    original_name: str
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    diff: dict[str, Any] = Field(description="rows added, removed, changed against the "
                                             "previous live version")
    errors: list[ProblemOut] = Field(description="the first 1,000 problems, with row, column "
                                                 "and reason in the request's language")


def _version_out(version) -> dict:
    return {
        "number": version.number, "status": version.status, "progress": version.progress,
        "rows_done": version.rows_done, "row_count": version.row_count,
        "error_count": version.error_count, "original_name": version.original_name,
        "created_at": version.created_at, "finished_at": version.finished_at,
        "diff": version.diff or {},
        "errors": [{"row": e.row, "column": e.column, "code": e.code, "message": e.message}
                   for e in map(IngestError.from_dict, version.errors)],
    }


@router.get("/datastore/{resource_id}/versions", response={200: list[VersionOut], **ERRORS_READ},
            auth=None)
def versions(request, resource_id: str):
    resource = selectors.resource_get(resource_id, user=request.user)
    table = selectors.table_of(resource)
    if table is None:
        return []
    return [_version_out(v) for v in selectors.versions(table)[:50]]


@router.get("/datastore/{resource_id}/versions/{number}",
            response={200: VersionOut, **ERRORS_READ}, auth=None)
def version(request, resource_id: str, number: int):
    resource = selectors.resource_get(resource_id, user=request.user)
    table = selectors.table_of(resource)
    from django.http import Http404
    from django.utils.translation import gettext as _

    if table is None:
        raise Http404(_("No such version."))
    return _version_out(selectors.version_get(table, number))


class RowsIn(Schema):
    model_config = ConfigDict(extra="forbid")
    table_schema: dict[str, Any] = Field(alias="schema",
                                         description="a Frictionless Table Schema")
    rows: list[dict[str, Any]] = Field(max_length=MAX_API_ROWS)
    note: str = ""


@router.post("/datastore/{resource_id}/rows", response={201: VersionOut, **ERRORS_WRITE})
def rows_publish(request, resource_id: str, payload: RowsIn):
    resource = selectors.resource_get(resource_id, user=request.auth)
    result = services.table_rows_publish(actor=request.auth, resource=resource,
                                         schema=payload.table_schema, rows=payload.rows,
                                         note=payload.note, request=request)
    return Status(201, _version_out(result))
