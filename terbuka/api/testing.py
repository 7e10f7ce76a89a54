"""Helpers for testing API endpoints, for every app's tests."""

from __future__ import annotations

from typing import Any

from django.test import Client

ERROR_CODES = frozenset({
    "validation_error", "not_found", "permission_denied", "not_authenticated",
    "bad_request", "conflict", "server_error",
})


def assert_error(response, status: int, code: str) -> dict[str, Any]:
    """Assert `response` is exactly the API's error format with this status and code;
    returns the inner `error` object."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "fields"}, error
    assert error["code"] == code, error
    assert code in ERROR_CODES
    assert isinstance(error["message"], str) and error["message"].strip(), error
    assert isinstance(error["fields"], dict), error
    for name, messages in error["fields"].items():
        assert isinstance(name, str) and name, error
        assert isinstance(messages, list) and messages, error
        assert all(isinstance(m, str) and m for m in messages), error
    return error


def token_client(user, name: str = "test") -> Client:
    """A client that authenticates as `user` with a fresh API token (no session)."""
    from terbuka.accounts.services import token_create

    _, raw = token_create(actor=user, user=user, name=name)
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
