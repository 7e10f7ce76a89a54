"""Error messages follow the request's language: Indonesian by default, English on request."""

import pytest
from django.utils import translation

from terbuka.api import errors
from terbuka.api.testing import assert_error

pytestmark = pytest.mark.django_db

# Every message the API layer itself writes (services write their own). The Indonesian
# catalogue must translate each of them.
API_MESSAGES = [
    "The service is briefly unavailable. Nothing was saved; please try again in a minute.",
    "The requested resource was not found.",
    "Method %(method)s is not allowed here.",
    "Some fields are not valid.",
    "Enter true or false.",
    "Enter text.",
    "This field is not allowed.",
    "Ensure this value is less than %(limit_value)s.",
    "The request body must be a JSON object.",
    "The request body is not valid JSON.",
    "You are not allowed to do this.",
    "This conflicts with data that already exists.",
    "The request could not be processed.",
    "Authentication required: log in, or send an API token as “Authorization: Bearer …”.",
    "Something went wrong on our side. The error has been logged.",
    "The API token is invalid, revoked or expired.",
    "CSRF check failed: send the X-CSRFToken header with session requests that change data, "
    "or use an API token.",
    "There is no regional government at the path “%(slug)s”.",
    "%(pemda)s has no OPD with id %(id)s.",
    "Text must not contain NUL characters.",
    "You have no API token with id %(id)s.",
    "API tokens can only be created while logged in, not with another token.",
    "You can only create API tokens for your own account.",
    "You can only revoke your own API tokens.",
    "Give the token a name.",
    "The name is %(length)d characters long; at most %(max)d are allowed.",
    "The expiry %(when)s is in the past.",
]


def test_indonesian_is_the_default(client):
    error = assert_error(client.get("/api/v1/regions", {"limit": "x"}), 422, "validation_error")
    # Django's catalogue (or the project's, which may reword it) translates this message.
    (message,) = error["fields"]["limit"]
    assert message != "Enter a whole number."
    assert message.startswith("Masukkan")
    assert error["message"] != "Some fields are not valid."


def test_english_on_request(client):
    error = assert_error(
        client.get("/api/v1/regions", {"limit": "x"}, HTTP_ACCEPT_LANGUAGE="en"),
        422, "validation_error",
    )
    assert error["fields"]["limit"] == ["Enter a whole number."]
    assert error["message"] == "Some fields are not valid."


def test_missing_field_message_in_both_languages(client):
    url = "/api/v1/regions/52/children"
    indonesian = client.get(url, {"offset": "-1"}, HTTP_ACCEPT_LANGUAGE="id").json()
    english = client.get(url, {"offset": "-1"}, HTTP_ACCEPT_LANGUAGE="en").json()

    assert english["error"]["fields"]["offset"] == [
        "Ensure this value is greater than or equal to 0."
    ]
    (message,) = indonesian["error"]["fields"]["offset"]
    assert message.startswith("Pastikan") and message.endswith(" 0.")


@pytest.mark.parametrize("language", ["id", "en"])
def test_api_messages_come_from_the_active_catalogue(client, language):
    response = client.get("/api/v1/pemda/atlantis", HTTP_ACCEPT_LANGUAGE=language)

    error = assert_error(response, 404, "not_found")
    with translation.override(language):
        expected = translation.gettext(
            "There is no regional government at the path “%(slug)s”."
        ) % {"slug": "atlantis"}
    assert error["message"] == expected
    assert response["Content-Language"] == language


def test_every_api_message_has_an_indonesian_translation():
    with translation.override("id"):
        untranslated = [m for m in API_MESSAGES if translation.gettext(m) == m]
    assert untranslated == [], "add these to terbuka/locale/id/LC_MESSAGES/django.po"


def test_the_message_list_above_is_complete():
    # If the API layer gains a message, this list (and the catalogue) must follow.
    import inspect

    from terbuka.accounts import api as accounts_api
    from terbuka.accounts import services as accounts_services
    from terbuka.api import auth, params
    from terbuka.core import api as core_api

    source = "".join(
        inspect.getsource(m)
        for m in (errors, auth, params, core_api, accounts_api, accounts_services)
    )
    import re

    found = set()
    for match in re.finditer(r'(?<![\w.])_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)', source):
        found.add("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1))))
    django_own = {
        "This field is required.", "Enter a whole number.", "Enter a number.",
        "Enter a valid date.", "Enter a valid date/time.", "Enter a valid URL.",
        "Enter a valid UUID.", "Enter a list of values.", "Enter a valid value.",
        "Select a valid choice. %(value)s is not one of the available choices.",
        "Ensure this value is greater than or equal to %(limit_value)s.",
        "Ensure this value is less than or equal to %(limit_value)s.",
        "Ensure this value is greater than %(limit_value)s.",
        "Region code %(value)s does not exist.",
    }
    assert found - django_own == set(API_MESSAGES)
