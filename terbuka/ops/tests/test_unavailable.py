"""When the database or Redis is down for a moment, pages and the API answer 503 with
Retry-After and say nothing was saved, in the person's language; never a 500."""

import pytest
from django.db import OperationalError
from django.urls import path
from redis.exceptions import ConnectionError as RedisConnectionError

from terbuka.api.errors import BACKEND_DOWN

pytestmark = pytest.mark.django_db


def _page_down(request):
    raise OperationalError("server closed the connection unexpectedly")


def _cache_down(request):
    raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379")


urlpatterns = [path("down/db/", _page_down), path("down/cache/", _cache_down)]


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/down/db/", "/down/cache/"])
def test_pages_say_try_again(client, url):
    response = client.get(url)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    text = response.content.decode()
    assert "tidak ada yang tersimpan" in text and "nothing was saved" in text


@pytest.mark.parametrize("exc", BACKEND_DOWN)
def test_api_answers_unavailable_in_the_error_format(client, monkeypatch, exc):
    from terbuka.core import api as core_api

    def broken(*args, **kwargs):
        raise exc("down")

    monkeypatch.setattr(core_api.selectors, "pemda_list", broken)
    response = client.get("/api/v1/pemda", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    error = response.json()["error"]
    assert error["code"] == "unavailable" and "Nothing was saved" in error["message"]
