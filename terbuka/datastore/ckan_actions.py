"""CKAN datastore actions, registered into satudata's CKAN action registry:
datastore_search, datastore_search_sql and datastore_info."""

from __future__ import annotations

import json
from typing import Any

from terbuka.datastore import selectors
from terbuka.datastore.query import QueryError
from terbuka.datastore.sandbox import SqlRefused
from terbuka.satudata.ckan.errors import ValidationError


def _bool(value: Any, default: bool) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1", "yes", "on")


def _json_arg(value: Any, name: str) -> Any:
    """GET parameters arrive as text; filters and q may be JSON objects there."""
    if isinstance(value, str) and value.strip().startswith(("{", "[")):
        try:
            return json.loads(value)
        except ValueError as err:
            raise ValidationError({name: [str(err)]}) from err
    return value


def _resource_id(data: dict) -> str:
    rid = data.get("resource_id") or data.get("id")
    if not rid:
        raise ValidationError({"resource_id": ["Missing value"]})
    return str(rid)


def datastore_search(context, data_dict: dict) -> dict:
    table = selectors.table_get(_resource_id(data_dict), user=context.user, pemda=context.pemda)
    try:
        return selectors.search(
            table,
            filters=_json_arg(data_dict.get("filters"), "filters"),
            q=_json_arg(data_dict.get("q"), "q"),
            fields=_json_arg(data_dict.get("fields"), "fields"),
            sort=data_dict.get("sort"),
            limit=data_dict.get("limit"),
            offset=data_dict.get("offset"),
            distinct=_bool(data_dict.get("distinct"), False),
            include_total=_bool(data_dict.get("include_total"), True),
            records_format=data_dict.get("records_format") or "objects",
        )
    except QueryError as err:
        raise ValidationError({err.field: [err.message]}) from err


def datastore_search_sql(context, data_dict: dict) -> dict:
    sql = data_dict.get("sql")
    if not sql or not isinstance(sql, str):
        raise ValidationError({"sql": ["Missing value"]})
    try:
        return selectors.sql_search(sql, user=context.user, pemda=context.pemda)
    except SqlRefused as err:
        raise ValidationError({"query": [err.message]}) from err


def datastore_info(context, data_dict: dict) -> dict:
    table = selectors.table_get(_resource_id(data_dict), user=context.user, pemda=context.pemda)
    return selectors.info(table)
