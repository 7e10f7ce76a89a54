"""Every list endpoint answers pages `{"count", "next", "previous", "results"}`."""

from urllib.parse import parse_qs, urlsplit

import pytest

from terbuka.api.testing import assert_error
from terbuka.core.models import Region
from terbuka.core.tests.factories import make_opd, make_pemda

pytestmark = pytest.mark.django_db


@pytest.fixture
def ksb():
    return make_pemda("ksb")


def query_of(url):
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_page_shape_and_links(client, ksb):
    desa = Region.objects.filter(kabupaten_code="52.07", level=4).count()
    assert desa > 5

    first = client.get("/api/v1/regions", {"within": "52.07", "level": 4, "limit": 5}).json()

    assert set(first) == {"count", "next", "previous", "results"}
    assert first["count"] == desa
    assert len(first["results"]) == 5
    assert first["previous"] is None
    assert query_of(first["next"]) == {"within": "52.07", "level": "4", "limit": "5",
                                       "offset": "5"}

    second = client.get(first["next"]).json()
    assert query_of(second["previous"])["offset"] == "0"
    assert {r["code"] for r in first["results"]}.isdisjoint(
        r["code"] for r in second["results"]
    )


def test_walking_next_links_visits_every_item_once(client, ksb):
    for i in range(7):
        make_opd(ksb, f"Dinas {i:02}")
    seen, url = [], "/api/v1/pemda/ksb/opd?limit=3"
    while url:
        page = client.get(url).json()
        seen += [o["name"] for o in page["results"]]
        url = page["next"]

    assert seen == [f"Dinas {i:02}" for i in range(7)]


def test_last_page_has_no_next_and_offset_past_the_end_is_empty(client, ksb):
    count = client.get("/api/v1/regions/52.07/children").json()["count"]

    last = client.get("/api/v1/regions/52.07/children", {"offset": count - 1}).json()
    beyond = client.get("/api/v1/regions/52.07/children", {"offset": count + 10}).json()

    assert len(last["results"]) == 1 and last["next"] is None
    assert beyond["results"] == [] and beyond["count"] == count


def test_default_limit_is_100_and_at_most_1000(client):
    make_pemda("ntb", "52")  # about 1,150 regions below the provinsi
    default = client.get("/api/v1/regions", {"within": "52"}).json()
    big = client.get("/api/v1/regions", {"within": "52", "limit": 1000}).json()

    assert default["count"] > 1000
    assert len(default["results"]) == 100
    assert len(big["results"]) == 1000
    assert query_of(big["next"])["offset"] == "1000"


@pytest.mark.parametrize(
    "params, field",
    [
        ({"limit": 1001}, "limit"),
        ({"limit": 0}, "limit"),
        ({"limit": -5}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": "1.5"}, "offset"),
        ({"offset": 10**30}, "offset"),
    ],
)
def test_invalid_limit_or_offset_is_a_validation_error(client, params, field):
    error = assert_error(client.get("/api/v1/pemda", params), 422, "validation_error")
    assert list(error["fields"]) == [field]
