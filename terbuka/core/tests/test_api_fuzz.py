"""Robustness: arbitrary paths, query strings and bodies never produce a 500, and every
refusal is in the error format. Generated with Hypothesis (already a dev dependency)."""

import json
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terbuka.accounts.services import token_create
from terbuka.api.testing import assert_error
from terbuka.core.models import Role
from terbuka.core.tests.factories import make_opd, make_pemda, make_user

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ERROR_CODE_BY_STATUS = {
    400: "bad_request", 401: "not_authenticated", 403: "permission_denied",
    404: "not_found", 405: "bad_request", 409: "conflict", 422: "validation_error",
}

# Text with what tends to break things: NUL, other control characters, non-BMP, huge digits.
nasty_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["\x00", "52.07\x00", "'; DROP TABLE core_region;--", "%", "..", "52.07\n",
                     "9" * 60, "-1", "1e309", "NaN", "ksb\n", "😀" * 5, " "]),
)
segment = nasty_text.filter(lambda s: s and "/" not in s and s not in (".", ".."))
query_key = st.sampled_from(["limit", "offset", "level", "parent", "within", "q", "x"])
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(min_value=-(2**70),
                        max_value=2**70), st.floats(allow_nan=False), nasty_text)
json_value = st.recursive(
    json_scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.text(max_size=8), inner, max_size=3), max_leaves=6,
)
opd_body = st.fixed_dictionaries(
    {},
    optional={
        "name": json_value, "kind": st.sampled_from(["dinas", "badan", "x"]) | json_value,
        "acronym": json_value, "urusan": json_value, "parent": json_value,
        "region_code": st.sampled_from(["52.07", "52.07.01", "72.01", "52.99"]) | json_value,
        "is_active": json_value,
    },
)


def check(response):
    assert response.status_code < 500, response.content[:500]
    if response.status_code >= 400:
        assert_error(response, response.status_code, ERROR_CODE_BY_STATUS[response.status_code])
    else:
        json.loads(response.content)


@pytest.fixture
def world():
    pemda = make_pemda("ksb")
    make_opd(pemda, "Dinas Kesehatan", acronym="Dikes")
    admin = make_user("admin", Role.ADMIN_PEMDA, pemda=pemda)
    _, raw = token_create(actor=admin, user=admin, name="fuzz")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


READ_TEMPLATES = [
    "/api/v1/regions/{}", "/api/v1/regions/{}/children", "/api/v1/pemda/{}",
    "/api/v1/pemda/{}/opd", "/api/v1/me/tokens/{}", "/api/v1/{}",
]


@FUZZ
@given(template=st.sampled_from(READ_TEMPLATES), value=segment,
       params=st.lists(st.tuples(query_key, nasty_text), max_size=4))
def test_reads_never_fail_with_500(world, template, value, params):
    url = template.format(quote(value, safe=""))
    check(world.get(url + "?" + urlencode(params)))
    check(world.get("/api/v1/regions?" + urlencode(params)))


@FUZZ
@given(body=opd_body)
def test_opd_create_never_fails_with_500(world, body):
    check(world.post("/api/v1/pemda/ksb/opd", json.dumps(body), content_type="application/json"))


@FUZZ
@given(body=opd_body, opd_id=st.one_of(st.integers(min_value=-5, max_value=10), segment))
def test_opd_update_never_fails_with_500(world, body, opd_id):
    url = f"/api/v1/pemda/ksb/opd/{quote(str(opd_id), safe='')}"
    check(world.patch(url, json.dumps(body), content_type="application/json"))


@FUZZ
@given(raw=st.binary(max_size=60))
def test_arbitrary_bytes_as_a_body_never_fail_with_500(world, raw):
    check(world.post("/api/v1/pemda/ksb/opd", raw, content_type="application/json"))
    check(world.post("/api/v1/me/tokens", raw, content_type="application/json"))
