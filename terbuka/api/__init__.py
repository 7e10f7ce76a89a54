"""The versioned JSON API (`/api/v1/`). Each app contributes a router; this package assembles
them and owns what is common to all: authentication, the error format and pagination."""

from __future__ import annotations

from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, path, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError, ValidationErrorContext

from terbuka.api import errors
from terbuka.api.auth import DEFAULT_AUTH

DESCRIPTION = """
Open-government platform for Indonesian regional governments (pemda).

**Authentication.** Public reads need none. Everything else takes either an API token,
sent as `Authorization: Bearer tbk_…` (create one at `POST /api/v1/me/tokens` while logged
in), or the browser's login session, which needs the `X-CSRFToken` header on writes.

**Errors** always have the form
`{"error": {"code": "…", "message": "…", "fields": {"field": ["…"]}}}`; `code` is one of
`validation_error`, `not_found`, `permission_denied`, `not_authenticated`, `bad_request`,
`conflict`, `server_error`, `unavailable` (503 with `Retry-After`: the database or
the cache is down for a moment and nothing was saved).
Messages follow `Accept-Language` (`id` by default, or `en`).

**Lists** are pages `{"count", "next", "previous", "results"}` cut by `limit` (1–1000,
default 100) and `offset`.
"""


class TerbukaAPI(NinjaAPI):
    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext]
    ) -> ValidationError:
        # ninja drops each error's input; the messages need it (lengths, rejected choices).
        errors_: list[dict[str, Any]] = []
        for context in error_contexts:
            model = context.model
            for error in context.pydantic_validation_error.errors(include_url=False):
                error = dict(error)
                error["loc"] = (model.__ninja_param_source__,) + (
                    model.__ninja_flatten_map_reverse__.get(error["loc"], error["loc"])
                )
                errors_.append(error)
        return ValidationError(errors_)

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Document on every operation the errors any operation can answer (bad input, unknown
        object, missing or insufficient rights, conflicts on writes) in the one error format,
        so an operation cannot forget one and clients can rely on the document."""
        schema = super().get_openapi_schema(*args, **kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        if "ErrorOut" not in components:
            error_schema = errors.ErrorOut.model_json_schema(
                ref_template="#/components/schemas/{model}"
            )
            components.update(error_schema.pop("$defs", {}))
            components["ErrorOut"] = error_schema
        ref = {"content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/ErrorOut"}}}}
        descriptions = {"400": "Bad Request", "401": "Unauthorized", "403": "Forbidden",
                        "404": "Not Found", "409": "Conflict", "422": "Unprocessable Content"}
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                codes = ["400", "404", "422"]
                if operation.get("security"):
                    codes += ["401", "403"]
                if method in ("post", "put", "patch", "delete"):
                    codes += ["409"]
                responses = operation.setdefault("responses", {})
                for code in codes:
                    responses.setdefault(code, {"description": descriptions[code], **ref})
        return schema

    def _get_urls(self) -> list[Any]:
        urls = [
            p for p in super()._get_urls()
            if not (isinstance(p, URLPattern) and p.name == "api-root")
        ]
        for pattern in urls:
            if isinstance(pattern, URLPattern):
                pattern.callback = _json_method_not_allowed(pattern.callback)
        return [
            *urls,
            # ninja reverses "api-root" to learn where the API is mounted.
            path("", _index, name="api-root"),
            re_path(r"^[\s\S]*$", _unknown_path),  # any character, newlines too
        ]


def _json_method_not_allowed(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            json_response = errors.method_not_allowed(request.method or "")
            json_response["Allow"] = response["Allow"]
            return json_response
        return response

    return wrapper


@csrf_exempt
def _index(request: HttpRequest) -> JsonResponse:
    if request.method not in ("GET", "HEAD"):
        return errors.method_not_allowed(request.method or "")
    return JsonResponse(
        {
            "name": api.title,
            "version": api.version,
            "openapi": request.build_absolute_uri("openapi.json"),
            "docs": request.build_absolute_uri("docs"),
        }
    )


@csrf_exempt
def _unknown_path(request: HttpRequest) -> JsonResponse:
    return errors.error_response(
        404, errors.NOT_FOUND, errors.not_found().message
    )


# The docs page's scripts are ninja's packaged copies of Swagger UI, served as static files
# ("ninja" is in INSTALLED_APPS), so it works where the server has no internet.
api = TerbukaAPI(
    title="Terbuka API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=DEFAULT_AUTH,
    docs=Swagger(settings={"persistAuthorization": True}),
)
errors.install(api)

api.add_router("/", "terbuka.core.api.router")
api.add_router("/", "terbuka.accounts.api.router")
for _app in ("satudata", "datastore", "aduan", "saluran", "ikm", "posyandu", "rencanaaksi",
             "gotongroyong", "sosial", "lingkungan", "layanan"):
    api.add_router("/", f"terbuka.{_app}.api.router")
