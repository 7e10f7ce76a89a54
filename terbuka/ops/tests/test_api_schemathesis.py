"""Schemathesis against the OpenAPI document of /api/v1/: for every operation of every module,
generated requests (valid and invalid) never get a server error, and every answer matches
the documented status codes, content type and schema. New endpoints are covered as soon as
they appear in the document."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from terbuka.accounts.services import token_create
from terbuka.core.models import Role
from terbuka.core.tests.factories import make_opd, make_pemda, make_user
from terbuka.wsgi import application

pytestmark = pytest.mark.django_db


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Schemathesis calls the WSGI application directly, so Django's end-of-request hook would
    close the database connection and with it the test's transaction (PostgreSQL). Django's
    own test client switches the hook off the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def auth():
    """A pemda with an OPD and its administrator's token, so writes get past authorization."""
    pemda = make_pemda("ksb", "52.07")
    make_opd(pemda, "Dinas Kesehatan", acronym="Dinkes")
    admin = make_user("fuzz-admin", Role.ADMIN_PEMDA, pemda=pemda)
    _, token = token_create(actor=admin, user=admin, name="schemathesis")
    return {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_answers_match_the_document(case, auth):
    case.call_and_validate(
        headers=auth,
        checks=[
            schemathesis.checks.not_a_server_error,
            schemathesis.checks.status_code_conformance,
            schemathesis.checks.content_type_conformance,
            schemathesis.checks.response_schema_conformance,
        ]
    )
