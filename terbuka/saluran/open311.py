"""Open311 GeoReport v2 representation: JSON and XML documents, errors, input checks.
Plain functions over dictionaries; no Django. The views in `open311_views.py` feed them.

Reference: the GeoReport v2 specification (wiki.open311.org/GeoReport_v2). Where it leaves a
choice we follow what FixMyStreet's Open311 server does: the spec has two statuses, `open` and
`closed`; our finer workflow state goes into `status_notes` (the public label) and each change
is listed by `servicerequestupdates` (FixMyStreet's extension).
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping
from typing import Any
from xml.etree import ElementTree as ET  # noqa: S405 - we only write XML, never parse it

FORMATS = ("json", "xml")
# Fields a POST /requests may carry (spec), beyond attribute[<code>].
REQUEST_FIELDS = {
    "api_key", "jurisdiction_id", "service_code", "lat", "long", "address_string",
    "address_id", "email", "device_id", "account_id", "first_name", "last_name", "phone",
    "description", "media_url",
}
# The container and element names of each document, as the spec's XML examples have them.
XML_NAMES = {
    "services": ("services", "service"),
    "service_definition": ("service_definition", None),
    "requests": ("service_requests", "request"),
    "request_updates": ("service_request_updates", "request_update"),
    "errors": ("errors", "error"),
    "discovery": ("discovery", None),
}
# Lists whose items get a singular element name in XML.
XML_ITEM = {"attributes": "attribute", "values": "value", "keywords": "keyword",
            "endpoints": "endpoint", "formats": "format"}


def w3c(value: datetime.datetime | None) -> str:
    """A W3C datetime with offset, as the spec asks (2010-04-14T06:37:38-08:00)."""
    if value is None:
        return ""
    return value.isoformat(timespec="seconds")


def parse_w3c(value: str) -> datetime.datetime | None:
    text = (value or "").strip()
    if not text:
        return None
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        return None


def _xml_value(parent: ET.Element, name: str, value: Any) -> None:
    if isinstance(value, list):
        holder = ET.SubElement(parent, name)
        for item in value:
            _xml_value(holder, XML_ITEM.get(name, "item"), item)
        return
    element = ET.SubElement(parent, name)
    if isinstance(value, Mapping):
        for key, inner in value.items():
            _xml_value(element, key, inner)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def to_xml(document: str, data: Any) -> bytes:
    root_name, item_name = XML_NAMES[document]
    root = ET.Element(root_name)
    if item_name is None:
        for key, value in data.items():
            _xml_value(root, key, value)
    else:
        for item in data:
            element = ET.SubElement(root, item_name)
            for key, value in item.items():
                _xml_value(element, key, value)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8",
                                                                      xml_declaration=False)


def render(document: str, data: Any, fmt: str) -> tuple[bytes, str]:
    """(body, content type) of a document in the requested format."""
    if fmt == "xml":
        return to_xml(document, data), "text/xml; charset=utf-8"
    return (json.dumps(data, ensure_ascii=False).encode(), "application/json; charset=utf-8")


def errors(items: Iterable[tuple[int, str]]) -> list[dict]:
    return [{"code": code, "description": description} for code, description in items]


def attributes_from(form: Mapping[str, str]) -> dict[str, str]:
    """attribute[code]=value pairs of a POST, as {code: value}."""
    out = {}
    for key, value in form.items():
        if key.startswith("attribute[") and key.endswith("]"):
            out[key[len("attribute["):-1]] = value
    return out


def check_request(form: Mapping[str, str]) -> list[tuple[str, str]]:
    """(field, problem) for what a POST /requests lacks; empty when it can be filed.

    The spec requires service_code and a location (lat+long, address_string or address_id);
    we also require a description, since a complaint without one cannot be handled."""
    problems: list[tuple[str, str]] = []
    if not (form.get("service_code") or "").strip():
        problems.append(("service_code", "missing"))
    has_point = bool((form.get("lat") or "").strip() and (form.get("long") or "").strip())
    if not has_point and not (form.get("address_string") or "").strip() \
            and not (form.get("address_id") or "").strip():
        problems.append(("location", "missing"))
    if bool((form.get("lat") or "").strip()) != bool((form.get("long") or "").strip()):
        problems.append(("lat", "needs_both"))
    for name in ("lat", "long"):
        value = (form.get(name) or "").strip()
        if value:
            try:
                float(value)
            except ValueError:
                problems.append((name, "not_a_number"))
    if not (form.get("description") or "").strip():
        problems.append(("description", "missing"))
    return problems
