"""API authentication: a bearer token (machine clients) or the browser's login session.

Every operation requires one of them unless it says `auth=None` (public reads), so a new
endpoint that forgets to choose is closed rather than open.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from terbuka.accounts import services as account_services
from terbuka.api.errors import NOT_AUTHENTICATED, PERMISSION_DENIED, ApiError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class TokenAuth(HttpBearer):
    """`Authorization: Bearer tbk_…`. A token that is sent but unusable is refused outright
    rather than falling back to the session, so a client learns its token is dead."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = account_services.token_authenticate(token.strip())
        if user is None:
            raise ApiError(
                401, NOT_AUTHENTICATED, _("The API token is invalid, revoked or expired.")
            )
        request.user = user
        request.auth_method = "token"
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session, with Django's CSRF check on unsafe methods.

    The check runs only once a session has identified a user: an anonymous request has
    nothing to forge and gets a plain 401 instead.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if (
            self.csrf
            and request.method not in SAFE_METHODS
            and not getattr(request, "_ninja_csrf_exempt", False)
            and check_csrf(request) is not None
        ):
            raise ApiError(
                403,
                PERMISSION_DENIED,
                _("CSRF check failed: send the X-CSRFToken header with session requests "
                  "that change data, or use an API token."),
            )
        request.auth_method = "session"
        return user

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:  # pragma: no cover
        raise NotImplementedError  # __call__ does the work


token_auth = TokenAuth()
session_auth = SessionAuth()
# Token first: a token-carrying client without a CSRF cookie must not trip the session check.
DEFAULT_AUTH = [token_auth, session_auth]
