"""Inbound webhooks: signed sample payloads create triage items answered with their link;
unsigned, wrongly signed, stale and replayed deliveries are refused."""

import time

import pytest

from terbuka.saluran.models import Reply, TriageItem, WebhookDelivery
from terbuka.saluran.tests.conftest import META_SECRET, X_SECRET
from terbuka.saluran.tests.samples import body, meta_headers, x_headers

pytestmark = pytest.mark.django_db
META = "/ksb/saluran/webhook/meta/"
X = "/ksb/saluran/webhook/x/"


def _post(client, url, raw, headers):
    return client.post(url, raw, content_type="application/json", **headers)


@pytest.mark.parametrize(("sample", "source"), [
    ("whatsapp_text", "whatsapp"), ("messenger_text", "facebook"),
    ("facebook_comment", "facebook"), ("instagram_dm", "instagram"),
])
def test_signed_meta_samples_become_triage_items_with_an_answer(client, world, sample, source):
    raw = body(sample)
    response = _post(client, META, raw, meta_headers(META_SECRET, raw))
    assert response.status_code == 200, response.content
    assert response.json()["accepted"]["created"] == 1
    item = TriageItem.objects.get()
    assert item.source == source and item.status == "baru" and item.text
    reply = Reply.objects.get(triage=item)
    assert item.reference in reply.text and f"/ksb/saluran/t/{item.reference}/" in reply.text
    assert reply.status == "pending"  # no access token: waits, visible to operators


@pytest.mark.parametrize("sample", ["x_mention", "x_dm"])
def test_signed_x_samples(client, world, sample):
    raw = body(sample)
    response = _post(client, X, raw, x_headers(X_SECRET, raw))
    assert response.status_code == 200
    item = TriageItem.objects.get()
    assert item.source == "x"
    assert Reply.objects.get(triage=item).recipient == item.sender


def test_unsigned_and_wrongly_signed_are_refused(client, world):
    raw = body("whatsapp_text")
    assert _post(client, META, raw, {}).status_code == 403
    assert _post(client, META, raw, meta_headers("wrong", raw)).status_code == 403
    assert _post(client, META, raw, x_headers(META_SECRET, raw)).status_code == 403
    assert _post(client, X, raw, meta_headers(X_SECRET, raw)).status_code == 403
    tampered = raw.replace(b"mati", b"hidup")
    assert _post(client, META, tampered, meta_headers(META_SECRET, raw)).status_code == 403
    assert not TriageItem.objects.exists()


def test_a_replayed_delivery_is_refused(client, world):
    raw = body("whatsapp_text")
    assert _post(client, META, raw, meta_headers(META_SECRET, raw)).status_code == 200
    again = _post(client, META, raw, meta_headers(META_SECRET, raw))
    assert again.status_code == 409 and again.json()["error"]["code"] == "replayed"
    assert TriageItem.objects.count() == 1 and WebhookDelivery.objects.count() == 1


def test_an_old_signed_delivery_is_refused_as_stale(client, world):
    raw = body("x_mention", at=time.time() - 3600)
    response = _post(client, X, raw, x_headers(X_SECRET, raw))
    assert response.status_code == 409 and response.json()["error"]["code"] == "stale"
    assert not TriageItem.objects.exists()


def test_the_same_message_in_a_new_delivery_is_not_a_second_item(client, world):
    at = time.time()
    first = body("whatsapp_text", at)
    second = first.replace(b'"entry"', b'"extra": 1, "entry"')  # platform retry, new bytes
    _post(client, META, first, meta_headers(META_SECRET, first))
    response = _post(client, META, second, meta_headers(META_SECRET, second))
    assert response.json()["accepted"]["repeated"] == 1
    assert TriageItem.objects.count() == 1 and Reply.objects.count() == 1


def test_unknown_shape_is_kept_for_an_operator(client, world):
    raw = body("unknown_shape")
    response = _post(client, META, raw, meta_headers(META_SECRET, raw))
    assert response.status_code == 200 and response.json()["accepted"]["unknown"] == 1
    item = TriageItem.objects.get()
    assert item.problem == "unknown_shape" and item.raw["standby"]


def test_signed_garbage_is_refused_but_kept(client, world):
    raw = b"not json at all"
    response = _post(client, META, raw, meta_headers(META_SECRET, raw))
    assert response.status_code == 400 and response.json()["error"]["code"] == "bad_json"
    assert TriageItem.objects.get().problem == "bad_json"


def test_delivery_statuses_are_acknowledged_without_items(client, world):
    raw = body("whatsapp_status")
    response = _post(client, META, raw, meta_headers(META_SECRET, raw))
    assert response.status_code == 200 and response.json()["accepted"]["ignored"] == 1
    assert not TriageItem.objects.exists()


def test_meta_subscription_handshake(client, world):
    ok = client.get(META, {"hub.mode": "subscribe", "hub.verify_token": "token-verifikasi",
                           "hub.challenge": "1158201444"})
    assert ok.status_code == 200 and ok.content == b"1158201444"
    bad = client.get(META, {"hub.mode": "subscribe", "hub.verify_token": "salah",
                            "hub.challenge": "1158201444"})
    assert bad.status_code == 403


def test_x_crc_check(client, world):
    from terbuka.saluran import signatures

    response = client.get(X, {"crc_token": "abc123"})
    assert response.json() == signatures.x_crc_response(X_SECRET, "abc123")
    assert client.get(X).status_code == 400


def test_unknown_platform_or_pemda_without_account_is_404(client, world):
    assert client.post("/ksb/saluran/webhook/tiktok/", b"{}",
                       content_type="application/json").status_code == 404
    world.meta.is_active = False
    world.meta.save()
    assert client.get(META).status_code == 404
