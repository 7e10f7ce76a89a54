"""Every kind of failure answers in the one error format, and never with a traceback."""

import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.test import Client

from terbuka.api.testing import assert_error, token_client
from terbuka.core import selectors
from terbuka.core.tests.factories import make_pemda, make_user

pytestmark = pytest.mark.django_db

OPD_URL = "/api/v1/pemda/ksb/opd"


@pytest.fixture
def pemda():
    return make_pemda("ksb")


@pytest.fixture
def api(pemda):
    """A client authenticated by token as a user with no role."""
    return token_client(make_user("nobody"))


def post(client, url, body, **extra):
    return client.post(url, body, content_type="application/json", **extra)


def test_malformed_json_body_is_bad_request(api):
    error = assert_error(post(api, OPD_URL, '{"name": "Dinas",'), 400, "bad_request")
    assert error["fields"] == {}


def test_body_in_another_encoding_is_bad_request(api):
    response = api.post(OPD_URL, "name=Dinas", content_type="application/x-www-form-urlencoded")
    assert_error(response, 400, "bad_request")


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "42", "null"])
def test_body_that_is_not_an_object_is_bad_request(api, body):
    assert_error(post(api, OPD_URL, body), 400, "bad_request")


def test_missing_body_is_bad_request(api):
    assert_error(api.post(OPD_URL), 400, "bad_request")


def test_missing_fields_are_named(api):
    error = assert_error(post(api, OPD_URL, "{}"), 422, "validation_error")
    assert set(error["fields"]) == {"name", "kind"}


def test_wrong_types_are_named_with_the_body_names(api):
    body = '{"name": 12, "kind": "nonsense", "parent": "first", "acronym": "' + "A" * 41 + '"}'
    error = assert_error(post(api, OPD_URL, body), 422, "validation_error")
    assert set(error["fields"]) == {"name", "kind", "parent", "acronym"}
    assert "nonsense" in error["fields"]["kind"][0]
    assert "41" in error["fields"]["acronym"][0]


def test_unknown_body_fields_are_refused_not_ignored(api):
    error = assert_error(
        post(api, OPD_URL, '{"name": "Dinas X", "kind": "dinas", "nmae": "typo"}'),
        422, "validation_error",
    )
    assert list(error["fields"]) == ["nmae"]


def test_wrong_query_types_are_named(client):
    error = assert_error(
        client.get("/api/v1/regions", {"level": "two", "limit": "0"}), 422, "validation_error"
    )
    assert set(error["fields"]) == {"level", "limit"}


def test_out_of_range_path_id_is_a_validation_error_not_an_overflow(api):
    response = api.patch(f"{OPD_URL}/{2**70}", "{}", content_type="application/json")
    error = assert_error(response, 422, "validation_error")
    assert list(error["fields"]) == ["opd_id"]


def test_unknown_region_code_is_not_found_and_named(client):
    error = assert_error(client.get("/api/v1/regions/52.99"), 404, "not_found")
    assert "52.99" in error["message"]


def test_unknown_parent_region_in_a_filter_is_a_validation_error_naming_it(client, pemda):
    error = assert_error(
        client.get("/api/v1/regions", {"parent": "52.99"}), 422, "validation_error"
    )
    assert "52.99" in error["fields"]["parent"][0]


def test_unknown_pemda_is_not_found(client):
    error = assert_error(client.get("/api/v1/pemda/atlantis"), 404, "not_found")
    assert "atlantis" in error["message"]


@pytest.mark.parametrize("path", ["/api/v1/nothing-here", "/api/v1/regions/52/x/y"])
def test_unknown_path_under_the_api_is_json_not_found(client, path):
    assert_error(client.get(path), 404, "not_found")


def test_unknown_path_answers_json_to_any_method(client):
    assert_error(client.post("/api/v1/nothing-here"), 404, "not_found")


def test_wrong_method_is_405_in_the_error_format(client):
    response = client.delete("/api/v1/regions/52")
    assert_error(response, 405, "bad_request")
    assert response["Allow"] == "GET"


def test_no_credentials_is_not_authenticated(client, pemda):
    assert_error(post(client, OPD_URL, '{"name": "Dinas X", "kind": "dinas"}'), 401,
                 "not_authenticated")
    assert_error(client.get("/api/v1/me"), 401, "not_authenticated")


def test_service_permission_denied_is_403_with_its_message(api, monkeypatch):
    def refuse(**kwargs):
        raise PermissionDenied("You are not allowed to do this: add an OPD.")

    monkeypatch.setattr("terbuka.core.services.opd_create", refuse, raising=False)
    error = assert_error(
        post(api, OPD_URL, '{"name": "Dinas X", "kind": "dinas"}'), 403, "permission_denied"
    )
    assert error["message"] == "You are not allowed to do this: add an OPD."


def test_service_validation_error_keeps_its_fields(api, monkeypatch):
    def invalid(**kwargs):
        raise ValidationError({
            "region_code": ["Region code 52.99 does not exist."],
            "__all__": ["Check the OPD."],
        })

    monkeypatch.setattr("terbuka.core.services.opd_create", invalid, raising=False)
    error = assert_error(
        post(api, OPD_URL, '{"name": "Dinas X", "kind": "dinas", "region_code": "52.99"}'),
        422, "validation_error",
    )
    assert error["fields"] == {"region_code": ["Region code 52.99 does not exist."]}
    assert error["message"] == "Check the OPD."


def test_service_duplicate_error_is_a_conflict_with_the_field(api, monkeypatch):
    def duplicate(**kwargs):
        raise ValidationError(
            {"name": [ValidationError("An OPD named X already exists.", code="unique")]}
        )

    monkeypatch.setattr("terbuka.core.services.opd_create", duplicate, raising=False)
    error = assert_error(
        post(api, OPD_URL, '{"name": "Dinas X", "kind": "dinas"}'), 409, "conflict"
    )
    assert error["fields"] == {"name": ["An OPD named X already exists."]}


def test_integrity_error_from_a_race_is_a_conflict(api, monkeypatch):
    def race(**kwargs):
        raise IntegrityError("UNIQUE constraint failed: core_opd.pemda_id, core_opd.name")

    monkeypatch.setattr("terbuka.core.services.opd_create", race, raising=False)
    error = assert_error(
        post(api, OPD_URL, '{"name": "Dinas X", "kind": "dinas"}'), 409, "conflict"
    )
    assert "core_opd" not in error["message"]


def test_unhandled_exception_is_logged_and_answered_without_a_traceback(
    client, monkeypatch, caplog
):
    def broken():
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(selectors, "pemda_list", broken)
    with caplog.at_level(logging.ERROR, logger="terbuka.api"):
        response = Client(raise_request_exception=False).get("/api/v1/pemda")

    error = assert_error(response, 500, "server_error")
    assert "secret" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert error["fields"] == {}
    logged = [r for r in caplog.records if r.name == "terbuka.api"]
    assert logged and logged[0].exc_info[0] is RuntimeError


def test_unhandled_exception_has_no_traceback_even_in_debug(client, monkeypatch, settings):
    settings.DEBUG = True

    def broken():
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(selectors, "pemda_list", broken)
    response = client.get("/api/v1/pemda")

    assert_error(response, 500, "server_error")
    assert "secret" not in response.content.decode()


@pytest.mark.parametrize("url", ["/api/v1/regions?q=%00", "/api/v1/pemda/%00",
                                 "/api/v1/pemda/ksb%0A", "/api/v1/regions/52%00"])
def test_nul_and_newlines_in_reads_are_clean_refusals(client, pemda, url):
    # PostgreSQL refuses NUL in text; it must never get that far.
    response = client.get(url)
    assert response.status_code in (404, 422)
    assert_error(response, response.status_code,
                 {404: "not_found", 422: "validation_error"}[response.status_code])


def test_nul_in_a_body_field_is_a_validation_error(api):
    error = assert_error(post(api, OPD_URL, '{"name": "Dinas\\u0000", "kind": "dinas"}'), 422,
                         "validation_error")
    assert list(error["fields"]) == ["name"]
