"""The /api/v1/ part: plans as open data, comments, responses, milestones, assessments; bad
input answered in the one error format."""

import datetime as dt

import pytest

from terbuka.api.testing import assert_error, token_client
from terbuka.core.tests.factories import make_user
from terbuka.rencanaaksi import services
from terbuka.rencanaaksi.tests.conftest import add_commitment

API = "/api/v1"


@pytest.fixture
def open_plan(consortium, ntb):
    add_commitment(consortium, ntb)
    for i, name in enumerate(["orientation", "secretariat", "working_team", "draft_workshop",
                              "plan_workshop"]):
        services.step_record(actor=None, step=consortium.steps.get(step=name),
                             held_on=dt.date(2021, 4, 1 + i), minutes="Notulen")
    services.plan_open_consultation(actor=None, plan=consortium, draft_text="Visi.\n\nMisi.")
    return consortium


def test_plans_are_public_open_data(client, open_plan):
    listing = client.get(f"{API}/rencanaaksi/plans").json()
    assert listing["count"] == 1 and listing["results"][0]["coordinator"] == "ntb"
    data = client.get(f"{API}/pemda/ksb/rencanaaksi/plans/{open_plan.slug}").json()
    assert data["members"] == ["ntb", "ksb"] and len(data["commitments"]) == 1
    assert_error(client.get(f"{API}/pemda/ntb/rencanaaksi/plans/nope"), 404, "not_found")


def test_comment_and_response_through_the_api(open_plan, ntb, sekretariat):
    citizen = token_client(make_user(role="warga", pemda=ntb))
    url = f"{API}/pemda/ntb/rencanaaksi/plans/{open_plan.slug}/comments"
    bad = citizen.post(url, {"anchor": "p7", "stance": "support", "body": "x",
                             "author_name": "A"}, content_type="application/json")
    assert_error(bad, 422, "validation_error")
    assert "anchor" in bad.json()["error"]["fields"]
    made = citizen.post(url, {"anchor": "c1", "stance": "oppose", "body": "Kurang jelas",
                              "author_name": "Ani"}, content_type="application/json")
    assert made.status_code == 201
    comment_id = made.json()["id"]
    respond = f"{API}/pemda/ntb/rencanaaksi/comments/{comment_id}/response"
    assert_error(citizen.post(respond, {"verdict": "accepted", "reason": "Diterima penuh."},
                              content_type="application/json"), 403, "permission_denied")
    secretariat = token_client(sekretariat)
    empty = secretariat.post(respond, {"verdict": "accepted", "reason": " "},
                             content_type="application/json")
    assert_error(empty, 422, "validation_error")
    assert "reason" in empty.json()["error"]["fields"]
    ok = secretariat.post(respond, {"verdict": "partly", "reason": "Sebagian: target diubah."},
                          content_type="application/json")
    assert ok.status_code == 201 and ok.json()["verdict"] == "partly"


def test_milestones_put_refuses_bad_weights_and_dates(open_plan, sekretariat):
    c = open_plan.commitments.get()
    client = token_client(sekretariat)
    url = f"{API}/pemda/ntb/rencanaaksi/commitments/{c.pk}/milestones"
    rows = [{"title": "A", "owner": "Bappeda", "start": "2021-09-01", "end": "2022-01-01",
             "weight": 50},
            {"title": "B", "owner": "Bappeda", "start": "2022-01-02", "end": "2024-02-01",
             "weight": 40}]
    bad = client.put(url, {"milestones": rows}, content_type="application/json")
    assert_error(bad, 422, "validation_error")
    assert set(bad.json()["error"]["fields"]) == {"milestones", "milestones.1.end"}
    rows[1].update(end="2023-06-30", weight=50)
    good = client.put(url, {"milestones": rows}, content_type="application/json")
    assert good.status_code == 200 and [m["weight"] for m in good.json()] == [50, 50]


def test_monitor_assessment_shows_disagreement(open_plan, ntb):
    c = open_plan.commitments.get()
    services.assessment_record(actor=None, commitment=c, assessor="government",
                               body_name="Bappeda", verifiable=True, potential="substantial",
                               completion="complete", reasoning="x")
    monitor = token_client(make_user(role="pemantau", pemda=ntb))
    response = monitor.post(f"{API}/pemda/ntb/rencanaaksi/commitments/{c.pk}/assessments",
                            {"assessor": "monitor", "body_name": "SOMASI NTB",
                             "verifiable": True, "potential": "modest",
                             "completion": "limited", "reasoning": "Bukti belum lengkap."},
                            content_type="application/json")
    assert response.status_code == 200
    assert response.json()["disagreement"] == ["potential", "completion"]
