"""Open311 GeoReport v2 documents in JSON and XML; request checks."""

import datetime
import json
from xml.etree import ElementTree as ET  # noqa: S405 - test reads our own output

from terbuka.saluran import open311


def test_services_xml_has_the_spec_element_names():
    data = [{"service_code": "jalan", "service_name": "Jalan rusak", "metadata": False,
             "type": "realtime", "keywords": "jalan", "group": "Infrastruktur",
             "description": ""}]
    body, content_type = open311.render("services", data, "xml")
    root = ET.fromstring(body)  # noqa: S314
    assert content_type.startswith("text/xml")
    assert root.tag == "services"
    assert root.find("service/service_code").text == "jalan"
    assert root.find("service/metadata").text == "false"


def test_service_definition_attributes_nest():
    data = {"service_code": "jalan", "attributes": [
        {"variable": True, "code": "ukuran", "datatype": "singlevaluelist", "required": False,
         "order": 1, "description": "Ukuran", "values": [{"key": "kecil", "name": "Kecil"}]}]}
    root = ET.fromstring(open311.render("service_definition", data, "xml")[0])  # noqa: S314
    assert root.tag == "service_definition"
    assert root.find("attributes/attribute/values/value/key").text == "kecil"


def test_json_is_a_plain_list():
    body, content_type = open311.render("requests", [{"service_request_id": "X"}], "json")
    assert json.loads(body) == [{"service_request_id": "X"}]
    assert content_type.startswith("application/json")


def test_errors_document():
    root = ET.fromstring(open311.render(  # noqa: S314
        "errors", open311.errors([(400, "service_code missing")]), "xml")[0])
    assert root.find("error/code").text == "400"


def test_w3c_dates_round_trip():
    when = datetime.datetime(2026, 11, 23, 8, 0, tzinfo=datetime.timezone(
        datetime.timedelta(hours=8)))
    assert open311.w3c(when) == "2026-11-23T08:00:00+08:00"
    assert open311.parse_w3c("2026-11-23T00:00:00Z") == when
    assert open311.parse_w3c("kemarin") is None


def test_check_request_names_what_is_missing():
    assert {f for f, _ in open311.check_request({})} == {"service_code", "location",
                                                          "description"}
    assert open311.check_request({"service_code": "jalan", "lat": "-8.7", "long": "116.8",
                                  "description": "lubang"}) == []
    assert ("lat", "needs_both") in open311.check_request(
        {"service_code": "x", "lat": "-8.7", "address_string": "Taliwang", "description": "y"})
    assert ("long", "not_a_number") in open311.check_request(
        {"service_code": "x", "lat": "1", "long": "timur", "description": "y"})


def test_attributes_from_form():
    assert open311.attributes_from({"attribute[ukuran]": "besar", "lat": "1"}) == {
        "ukuran": "besar"}
