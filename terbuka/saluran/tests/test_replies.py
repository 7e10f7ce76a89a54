"""Answers to social senders go out through the platform adapter, once."""

import pytest

from terbuka.saluran.adapters import GRAPH, X_API
from terbuka.saluran.models import Reply
from terbuka.saluran.tasks import send_reply

pytestmark = pytest.mark.django_db


def _reply(world, source, **extra):
    return Reply.objects.create(pemda=world.pemda, source=source, recipient="6281907001234",
                                text="Terima kasih", **extra)


class Recorder:
    def __init__(self, fail=False):
        self.calls, self.fail = [], fail

    def __call__(self, url, body, headers):
        self.calls.append((url, body, headers))
        if self.fail:
            raise OSError("Graph API down")
        return {"ok": True}


def test_whatsapp_reply_uses_the_cloud_api_and_is_sent_once(world):
    world.meta.access_token = "EAAG-token"
    world.meta.save()
    reply = _reply(world, "whatsapp")
    transport = Recorder()
    assert send_reply.call_local(reply.pk, transport=transport) == "sent"
    (url, body, headers), = transport.calls
    assert url == f"{GRAPH}/106540352242922/messages"
    assert body["to"] == "6281907001234" and body["text"]["body"] == "Terima kasih"
    assert headers["Authorization"] == "Bearer EAAG-token"
    assert send_reply.call_local(reply.pk, transport=transport) == "skipped"
    assert len(transport.calls) == 1


def test_x_mention_is_answered_in_its_thread(world):
    world.x.access_token = "x-user-token"
    world.x.save()
    reply = _reply(world, "x", thread="1860000000000000042")
    transport = Recorder()
    send_reply.call_local(reply.pk, transport=transport)
    url, body, _headers = transport.calls[0]
    assert url == f"{X_API}/tweets"
    assert body["reply"]["in_reply_to_tweet_id"] == "1860000000000000042"


def test_failure_is_recorded_and_retried(world):
    world.meta.access_token = "EAAG-token"
    world.meta.save()
    reply = _reply(world, "facebook")
    with pytest.raises(OSError):
        send_reply.call_local(reply.pk, transport=Recorder(fail=True))
    reply.refresh_from_db()
    assert reply.status == "pending" and reply.attempts == 1 and "Graph API down" in reply.error


def test_without_an_access_token_the_reply_waits(world):
    reply = _reply(world, "instagram")
    assert send_reply.call_local(reply.pk, transport=Recorder()) == "no_account"
    reply.refresh_from_db()
    assert reply.status == "pending"
