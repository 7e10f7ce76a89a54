"""The HTTP side of the CKAN Action API: `/api/3/action/<name>`, `/api/action/<name>` and the
same under `/<pemda>/`. Parses GET parameters, a JSON body or a multipart form into CKAN's
data_dict, authenticates, calls the action and wraps the answer in `{help, success, result}`.

Writes authenticate only by API token (`Authorization: tbk_…` as CKAN clients send it, with or
without "Bearer ", or `X-CKAN-API-Key`); the dispatcher is exempt from CSRF, so a session cookie
counts only for reads.
"""

from __future__ import annotations

import contextlib
import json
import logging

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from terbuka.accounts import services as account_services
from terbuka.satudata.ckan import errors
from terbuka.satudata.ckan.registry import Context, get_action

logger = logging.getLogger("terbuka.satudata.ckan")

MAX_JSON_BODY = 5 * 1024 * 1024


def _help_url(request: HttpRequest, name: str) -> str:
    base = request.path.rsplit("/", 1)[0]
    return request.build_absolute_uri(f"{base}/help_show?name={name}")


def _response(request, name: str, status: int, payload: dict) -> JsonResponse:
    body = {"help": _help_url(request, name), **payload}
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(request, name: str, exc: errors.ActionError) -> JsonResponse:
    return _response(request, name, exc.status, {"success": False, "error": exc.body()})


def _token_from(request: HttpRequest) -> str | None:
    raw = request.headers.get("Authorization") or request.headers.get("X-CKAN-API-Key") or ""
    raw = raw.strip()
    if raw.lower().startswith("bearer "):
        raw = raw[7:].strip()
    return raw or None


def _user(request: HttpRequest):
    token = _token_from(request)
    if token:
        user = account_services.token_authenticate(token)
        if user is None:
            raise errors.NotAuthorized(_("The API token is invalid, revoked or expired."))
        return user
    user = getattr(request, "user", None)
    if request.method == "GET" and user is not None and user.is_authenticated:
        return user
    return None


def _data_dict(request: HttpRequest) -> dict:
    if request.method == "GET":
        data = {}
        for key in request.GET:
            values = request.GET.getlist(key)
            data[key] = values[0] if len(values) == 1 else values
        return data
    content_type = request.content_type or ""
    if content_type.startswith("multipart/form-data") or content_type.startswith(
            "application/x-www-form-urlencoded"):
        data = {key: request.POST.get(key) for key in request.POST}
        for key in request.FILES:
            data[key] = request.FILES[key]
        # CKAN clients send structured fields of a multipart form as JSON strings.
        for key, value in list(data.items()):
            if isinstance(value, str) and value[:1] in "[{":
                with contextlib.suppress(ValueError):
                    data[key] = json.loads(value)
        return data
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_JSON_BODY:
        raise errors.BadRequest(_("The request body is too large."))
    raw = request.body
    if not raw.strip():
        return {}
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise errors.BadRequest(_("Bad request - JSON Error: %(error)s") % {"error": exc}) from exc
    if not isinstance(data, dict):
        raise errors.BadRequest(_("Bad request - JSON Error: the body must be a JSON object."))
    return data


def _validation_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for e in errs for m in e.messages]
                for field, errs in exc.error_dict.items()}
    return {"message": [str(m) for m in exc.messages]}


@csrf_exempt
def action_view(request: HttpRequest, name: str, pemda=None):
    if request.method == "OPTIONS":
        response = _response(request, name, 200, {"success": True, "result": None})
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Authorization, Content-Type, X-CKAN-API-Key"
        return response
    fn = get_action(name)
    if fn is None:
        return _error(request, name, errors.BadRequest(
            _("Bad request - Action name not known: %(name)s") % {"name": name}))
    if request.method not in ("GET", "POST"):
        return _error(request, name, errors.BadRequest(_("Only GET and POST are accepted.")))
    if request.method == "GET" and not getattr(fn, "side_effect_free", False):
        return _error(request, name, errors.BadRequest(
            _("Bad request - JSON Error: Invalid request. Please use POST method for your "
              "request")))
    try:
        user = _user(request)
        data = _data_dict(request)
        result = fn(Context(request=request, user=user, pemda=pemda), data)
    except errors.ActionError as exc:
        return _error(request, name, exc)
    except DjangoValidationError as exc:
        return _error(request, name, errors.ValidationError(_validation_errors(exc)))
    except PermissionDenied as exc:
        return _error(request, name, errors.NotAuthorized(
            str(exc) or _("You are not authorised to do this.")))
    except Http404 as exc:
        return _error(request, name, errors.NotFound(str(exc) or _("Not found")))
    return _response(request, name, 200, {"success": True, "result": result})
