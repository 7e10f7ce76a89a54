"""The one error format of the API: `{"error": {"code", "message", "fields"}}`.

Every failure, whether raised by ninja (schema validation, malformed body, authentication),
by a service (Django's ValidationError, PermissionDenied) or by a bug (500), is turned into
this shape here, with messages in the request's language. Pydantic's own messages are
English-only, so its error types are mapped to Django's translated form messages.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    PermissionDenied,
    SuspiciousOperation,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("terbuka.api")

VALIDATION_ERROR = "validation_error"
NOT_FOUND = "not_found"
PERMISSION_DENIED = "permission_denied"
NOT_AUTHENTICATED = "not_authenticated"
BAD_REQUEST = "bad_request"
CONFLICT = "conflict"
SERVER_ERROR = "server_error"
UNAVAILABLE = "unavailable"

# The database or Redis (cache, queue) not answering: 503, try again.
BACKEND_DOWN = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)

# Django ValidationError codes that mean "this clashes with existing data".
CONFLICT_CODES = frozenset({"unique", "unique_together", "duplicate", "conflict"})


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    error: ErrorDetail


# For `response={...}` in operations, so the OpenAPI document shows the error shape.
ERRORS_READ = {404: ErrorOut, 422: ErrorOut}
ERRORS_AUTH = {401: ErrorOut, 403: ErrorOut}
ERRORS_WRITE = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut,
                422: ErrorOut}


class ApiError(Exception):
    """Raise from API code to answer with a specific error."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.message = str(message)
        self.fields = fields or {}
        super().__init__(self.message)


def error_response(
    status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> HttpResponse:
    body = {"error": {"code": code, "message": str(message), "fields": fields or {}}}
    return JsonResponse(body, status=status)


def not_found(message: str | None = None) -> ApiError:
    return ApiError(404, NOT_FOUND, message or _("The requested resource was not found."))


def method_not_allowed(method: str) -> HttpResponse:
    return error_response(
        405, BAD_REQUEST, _("Method %(method)s is not allowed here.") % {"method": method}
    )


def invalid_fields_message() -> str:
    return _("Some fields are not valid.")


# Pydantic error messages --------------------------------------------------------------

_INT = {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}
_NUMBER = {"float_parsing", "float_type", "decimal_parsing", "decimal_type", "finite_number"}
_DATE = {"date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"}
_DATETIME = {"datetime_parsing", "datetime_type", "datetime_from_date_parsing",
             "datetime_object_invalid"}
_CHOICE = {"enum", "literal_error"}
_BOOL = {"bool_parsing", "bool_type"}
_URL = {"url_parsing", "url_type", "url_scheme", "url_syntax_violation", "url_too_long"}


def _pydantic_message(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return _("This field is required.")
    if kind in _INT:
        return _("Enter a whole number.")
    if kind in _NUMBER:
        return _("Enter a number.")
    if kind in _BOOL:
        return _("Enter true or false.")
    if kind in _DATE:
        return _("Enter a valid date.")
    if kind in _DATETIME:
        return _("Enter a valid date/time.")
    if kind in _URL:
        return _("Enter a valid URL.")
    if kind == "uuid_parsing" or kind == "uuid_type":
        return _("Enter a valid UUID.")
    if kind in {"list_type", "tuple_type", "set_type"}:
        return _("Enter a list of values.")
    if kind == "string_type":
        return _("Enter text.")
    if kind == "extra_forbidden":
        return _("This field is not allowed.")
    if kind in _CHOICE:
        return _("Select a valid choice. %(value)s is not one of the available choices.") % {
            "value": value if isinstance(value, (str, int, float)) else "?"
        }
    if kind == "string_too_long":
        limit = ctx.get("max_length", 0)
        return ngettext(
            "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
            limit,
        ) % {"limit_value": limit, "show_value": len(value) if isinstance(value, str) else 0}
    if kind == "string_too_short":
        limit = ctx.get("min_length", 0)
        return ngettext(
            "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
            "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
            limit,
        ) % {"limit_value": limit, "show_value": len(value) if isinstance(value, str) else 0}
    if kind == "greater_than_equal":
        return _("Ensure this value is greater than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("ge")
        }
    if kind == "less_than_equal":
        return _("Ensure this value is less than or equal to %(limit_value)s.") % {
            "limit_value": ctx.get("le")
        }
    if kind == "greater_than":
        return _("Ensure this value is greater than %(limit_value)s.") % {
            "limit_value": ctx.get("gt")
        }
    if kind == "less_than":
        return _("Ensure this value is less than %(limit_value)s.") % {
            "limit_value": ctx.get("lt")
        }
    if kind in {"value_error", "assertion_error"} and "error" in ctx:
        # Our own validators raise ValueError with an already translated message.
        return str(ctx["error"])
    return _("Enter a valid value.")


def _body_root_error() -> ApiError:
    return ApiError(400, BAD_REQUEST, _("The request body must be a JSON object."))


def fields_from_pydantic(errors: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """{"field.path": [messages]} from ninja's validation errors.

    ninja prefixes each location with the parameter source ("body", "query", "path") and, for
    a body schema, the view's argument name; clients know neither, so both are dropped.
    An error about the body as a whole is not a field error: it raises ApiError (bad_request).
    """
    fields: dict[str, list[str]] = {}
    for error in errors:
        loc = list(error.get("loc") or ())
        source = loc.pop(0) if loc else ""
        if source == "body":
            if len(loc) <= 1:
                raise _body_root_error()
            loc = loc[1:]
        name = ".".join(str(part) for part in loc) or str(source)
        fields.setdefault(name, []).append(_pydantic_message(error))
    return fields


def fields_from_django(exc: DjangoValidationError) -> tuple[list[str], dict[str, list[str]]]:
    """(non-field messages, {field: messages}) from a service's ValidationError."""
    if not hasattr(exc, "error_dict"):
        return [str(m) for m in exc.messages], {}
    general: list[str] = []
    fields: dict[str, list[str]] = {}
    for name, errors in exc.error_dict.items():
        messages = [m for error in errors for m in error.messages]
        if name == NON_FIELD_ERRORS:
            general.extend(messages)
        else:
            fields[name] = messages
    return general, fields


def _codes(exc: DjangoValidationError) -> set[str | None]:
    if hasattr(exc, "error_dict"):
        return {e.code for errors in exc.error_dict.values() for e in errors}
    return {e.code for e in exc.error_list}


# Handlers -----------------------------------------------------------------------------


def _on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message, exc.fields)


def _on_ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    try:
        fields = fields_from_pydantic(exc.errors)
    except ApiError as root:
        return _on_api_error(request, root)
    return error_response(422, VALIDATION_ERROR, invalid_fields_message(), fields)


def _on_django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    general, fields = fields_from_django(exc)
    message = " ".join(general) or invalid_fields_message()
    codes = _codes(exc)
    if codes and codes <= CONFLICT_CODES:
        return error_response(409, CONFLICT, message, fields)
    return error_response(422, VALIDATION_ERROR, message, fields)


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    if isinstance(exc, AuthenticationError) or status == 401:
        return error_response(401, NOT_AUTHENTICATED, authentication_required_message())
    if status == 400 and str(exc).startswith("Cannot parse request body"):
        return error_response(400, BAD_REQUEST, _("The request body is not valid JSON."))
    if status == 403:
        return error_response(403, PERMISSION_DENIED, _("You are not allowed to do this."))
    if status == 404:
        return error_response(404, NOT_FOUND, _("The requested resource was not found."))
    if status == 409:
        return error_response(409, CONFLICT, _("This conflicts with data that already exists."))
    if status >= 500:
        return _on_unhandled(request, exc)
    # Any other 4xx from ninja (e.g. 429 from throttling) keeps its status.
    return error_response(status, BAD_REQUEST, _("The request could not be processed."))


def authentication_required_message() -> str:
    return _("Authentication required: log in, or send an API token as “Authorization: Bearer …”.")


def _on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error_response(
        403, PERMISSION_DENIED, str(exc) or _("You are not allowed to do this.")
    )


def _on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Http404 raised with a message from our own code carries a user-facing sentence;
    # DoesNotExist carries Django's internal text, which clients should not see.
    message = str(exc) if isinstance(exc, Http404) and exc.args else ""
    return error_response(404, NOT_FOUND, message or _("The requested resource was not found."))


def _on_integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    # Reached only when a concurrent write beat the service's own duplicate check.
    logger.warning("Integrity error on %s %s: %s", request.method, request.path, exc)
    return error_response(409, CONFLICT, _("This conflicts with data that already exists."))


def _on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    logger.warning("Suspicious API request %s %s: %s", request.method, request.path, exc)
    return error_response(400, BAD_REQUEST, _("The request could not be processed."))


def _on_unhandled(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error(
        "Unhandled error in API %s %s", request.method, request.path, exc_info=exc
    )
    return error_response(
        500, SERVER_ERROR, _("Something went wrong on our side. The error has been logged.")
    )


def unavailable_message() -> str:
    return _("The service is briefly unavailable. Nothing was saved; please try again in a "
             "minute.")


def _on_unavailable(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The database or the cache is down or restarting: the request was not carried out (its
    # transaction rolled back), so the client can safely send it again.
    logger.error("Backend unavailable in API %s %s: %r", request.method, request.path, exc)
    response = error_response(503, UNAVAILABLE, unavailable_message())
    response["Retry-After"] = "30"
    return response


def install(api) -> None:
    """Replace ninja's default handlers (plain `{"detail": ...}`, tracebacks in DEBUG)."""
    api.add_exception_handler(Exception, _on_unhandled)
    api.add_exception_handler(ApiError, _on_api_error)
    api.add_exception_handler(NinjaValidationError, _on_ninja_validation)
    api.add_exception_handler(DjangoValidationError, _on_django_validation)
    api.add_exception_handler(HttpError, _on_http_error)
    api.add_exception_handler(PermissionDenied, _on_permission_denied)
    api.add_exception_handler(Http404, _on_not_found)
    api.add_exception_handler(ObjectDoesNotExist, _on_not_found)
    api.add_exception_handler(IntegrityError, _on_integrity_error)
    api.add_exception_handler(SuspiciousOperation, _on_suspicious)
    for backend_down in BACKEND_DOWN:
        api.add_exception_handler(backend_down, _on_unavailable)
