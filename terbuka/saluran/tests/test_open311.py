"""Open311 GeoReport v2: an Open311 app files with plain HTTP (form POST) and reads with the
real `georeport` client from PyPI, in JSON and in XML."""

import json
import urllib.error
import urllib.parse
import urllib.request
from xml.etree import ElementTree as ET  # noqa: S405 - reading our own answers

import pytest
from georeport import GeoReport

from terbuka.aduan.models import Channel, Complaint, Status

FILED = {"jurisdiction_id": "ksb", "service_code": "umum", "lat": "-8.7455",
         "long": "116.8532", "description": "Lampu jalan di depan SDN 1 Taliwang mati",
         "first_name": "Baiq", "last_name": "Nurul", "email": "baiq@example.org",
         "address_string": "Jl. Sudirman, Taliwang"}


def _http_post(url, data):
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={  # noqa: S310
        "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read(), response.headers["Content-Type"]
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers["Content-Type"]


@pytest.mark.django_db(transaction=True)
def test_an_open311_app_files_with_plain_http_and_reads_with_georeport(live_server):
    from terbuka.saluran.tests.conftest import World

    world = World()
    root = f"{live_server.url}/open311/v2"
    status, body, content_type = _http_post(f"{root}/requests.json", FILED)
    assert status == 201 and content_type.startswith("application/json")
    (answer,) = json.loads(body)
    number = answer["service_request_id"]
    complaint = Complaint.objects.get(tracking_number=number)
    assert complaint.channel == Channel.OPEN311 and complaint.reporter_name == "Baiq Nurul"
    assert "Jl. Sudirman" in complaint.body and float(complaint.latitude) == -8.7455

    for fmt in ("json", "xml"):
        client = GeoReport(root, jurisdiction="ksb", output_format=fmt)
        services = client.get_service_list()
        codes = {s["service_code"] for s in (services if isinstance(services, list)
                                              else [services])}
        assert "umum" in codes and set(world.categories) <= codes
        definition = client.get_service_definition("umum")
        assert definition["service_code"] == "umum"
        one = client.get_service_request(number)
        assert one["service_request_id"] == number and one["status"] == "open"
        assert one["status_notes"]  # the finer state, e.g. "Received"
        listed = client.get_service_requests(status="open")
        listed = listed if isinstance(listed, list) else [listed]
        assert number in {r["service_request_id"] for r in listed}

    status, body, _type = _http_post(f"{root}/requests.xml", {"jurisdiction_id": "ksb"})
    assert status == 400
    errors = ET.fromstring(body)  # noqa: S314
    assert errors.tag == "errors"
    descriptions = " ".join(e.text for e in errors.iter("description"))
    assert "service_code" in descriptions and "description" in descriptions


@pytest.mark.django_db
def test_finer_states_go_to_status_notes_and_closing_closes(client, world):
    response = client.post("/open311/v2/requests.json", FILED)
    number = response.json()[0]["service_request_id"]
    Complaint.objects.filter(tracking_number=number).update(status=Status.DISPOSISI)
    one = client.get(f"/open311/v2/requests/{number}.json", {"jurisdiction_id": "ksb"}).json()
    assert one[0]["status"] == "open" and one[0]["status_notes"]
    Complaint.objects.filter(tracking_number=number).update(status=Status.SELESAI)
    closed = client.get("/open311/v2/requests.json",
                        {"jurisdiction_id": "ksb", "status": "closed"}).json()
    assert [r["service_request_id"] for r in closed] == [number]
    assert client.get("/open311/v2/requests.json",
                      {"jurisdiction_id": "ksb", "status": "open"}).json() == []


@pytest.mark.django_db
def test_updates_list_like_fixmystreet(client, world):
    number = client.post("/open311/v2/requests.json", FILED).json()[0]["service_request_id"]
    updates = client.get("/open311/v2/servicerequestupdates.xml", {"jurisdiction_id": "ksb"})
    root = ET.fromstring(updates.content)  # noqa: S314
    assert root.tag == "service_request_updates"
    assert number in [e.text for e in root.iter("service_request_id")]


@pytest.mark.django_db
def test_confidential_requests_show_their_state_only(client, world):
    from terbuka.aduan import services

    complaint = services.complaint_submit(actor=None, pemda=world.pemda, kind="layanan",
                                          category=None, title="", body="Rahasia sekali",
                                          channel="open311", confidential=True)
    (data,) = client.get(f"/open311/v2/requests/{complaint.tracking_number}.json",
                         {"jurisdiction_id": "ksb"}).json()
    assert data["status"] == "open" and "description" not in data
    listed = client.get("/open311/v2/requests.json", {"jurisdiction_id": "ksb"}).json()
    assert complaint.tracking_number not in [r["service_request_id"] for r in listed]


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "status", "needle"), [
    ({**FILED, "service_code": "tidak-ada"}, 404, "tidak-ada"),
    ({**FILED, "lat": "1000", "long": "116"}, 400, "lat"),
    ({**FILED, "long": "timur"}, 400, "long"),
    ({**FILED, "api_key": "tbk_salah"}, 403, "api_key"),
    ({**FILED, "email": "bukan-email"}, 400, "email"),
])
def test_bad_filings_get_an_errors_document(client, world, data, status, needle):
    response = client.post("/open311/v2/requests.json", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    assert needle in json.dumps(response.json())
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_jurisdiction_and_format(client, world):
    assert client.get("/open311/v2/services.json").status_code == 200  # one pemda: default
    assert client.get("/open311/v2/services.json",
                      {"jurisdiction_id": "nowhere"}).status_code == 404
    assert client.get("/open311/v2/services.yaml").status_code == 404
    assert client.get("/open311/v2/requests/KSB-0000-AAAA.json").status_code == 404
    assert client.get("/open311/v2/requests.json",
                      {"start_date": "2026-01-01T00:00:00Z",
                       "end_date": "2026-12-31T00:00:00Z"}).status_code == 400
    assert client.get("/open311/v2/discovery.json").json()["endpoints"]
