"""The page format of every list endpoint: `{"count", "next", "previous", "results"}`.

Use `@paginate(Page)` under the route decorator with `response=list[ItemOut]`; the view
returns a queryset (or list) and the page is cut here with `limit` and `offset`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
# Beyond this an offset is a mistake or a probe; refusing it keeps it out of SQL, where
# SQLite would overflow on huge integers.
MAX_OFFSET = 1_000_000_000


class Page(PaginationBase):
    class Input(Schema):
        limit: int = Field(
            DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (at most 1000)."
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")

    class Output(Schema):
        count: int
        next: str | None = Field(None, description="URL of the next page, if any.")
        previous: str | None = Field(None, description="URL of the previous page, if any.")
        results: list[Any]

    items_attribute = "results"

    def paginate_queryset(
        self, queryset: Any, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        limit, offset = pagination.limit, pagination.offset
        count = self._items_count(queryset)
        results = list(queryset[offset : offset + limit])
        return {
            "count": count,
            "next": _page_url(request, limit, offset + limit) if offset + limit < count else None,
            "previous": (
                _page_url(request, limit, max(offset - limit, 0)) if offset > 0 else None
            ),
            self.items_attribute: results,
        }


def _page_url(request: HttpRequest, limit: int, offset: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    encoded = urlencode(sorted(query.lists()), doseq=True)
    return request.build_absolute_uri(f"{request.path}?{encoded}")
