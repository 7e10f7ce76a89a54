"""Security headers on every response (OWASP ASVS 14.4): CSP without inline scripts, no
framing, no MIME sniffing, a referrer policy; HSTS and secure cookies in production."""

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, list[str]]:
    policy = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


@pytest.mark.parametrize("path", ["/", "/akun/masuk/", "/api/v1/pemda", "/api/v1/docs"])
def test_pages_and_api_carry_the_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_a_nonce_is_sent_only_when_a_page_uses_one(rf):
    from csp.middleware import CSPMiddleware
    from django.http import HttpResponse

    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">1</script>')

    request = rf.get("/")
    response = CSPMiddleware(view)(request)
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert len(nonce) >= 16 and f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_production_turns_on_hsts_and_secure_cookies():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEBUG"))}
    env.update(TERBUKA_ENV="production", SECRET_KEY="x" * 50, DEBUG="0",
               DJANGO_SETTINGS_MODULE="terbuka.settings")
    code = ("import json; from django.conf import settings as s; print(json.dumps(["
            "s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
            "s.SESSION_COOKIE_HTTPONLY, s.DEBUG]))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,  # noqa: S603
                         text=True, check=True).stdout
    assert json.loads(out) == [31536000, True, True, True, False]
