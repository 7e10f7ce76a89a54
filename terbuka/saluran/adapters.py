"""One adapter per platform family for social media and chat: how its webhook is subscribed
and signed, how its payload reads, and how an answer is sent. Views and jobs only talk to
this interface, so adding a platform is adding an adapter."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any

from terbuka.saluran import signatures, social

# Deliveries whose newest event is older than this are refused as replays (platforms retry
# for a while after an outage, so this is generous; exact repeats are caught by digest).
FRESH_SECONDS = 15 * 60
GRAPH = "https://graph.facebook.com/v21.0"
X_API = "https://api.x.com/2"

Transport = Callable[[str, dict, dict], Any]  # (url, json body, headers) -> parsed answer


def http_transport(url: str, body: dict, headers: dict) -> Any:
    request = urllib.request.Request(  # noqa: S310 - fixed https endpoints above
        url, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", **headers})
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
        return json.loads(response.read() or b"{}")


class Adapter:
    platform = ""
    signature_header = ""

    def handshake(self, account, params: Mapping[str, str]) -> tuple[int, Any]:
        raise NotImplementedError

    def verify(self, account, body: bytes, headers: Mapping[str, str]) -> bool:
        raise NotImplementedError

    def parse(self, payload: Any) -> social.Parsed:
        raise NotImplementedError

    def is_fresh(self, parsed: social.Parsed, now: float | None = None) -> bool:
        """True when the delivery carries at least one event of the last FRESH_SECONDS, or
        carries no timestamps at all (then only the digest guards against replays)."""
        now = time.time() if now is None else now
        stamps = [i.timestamp for i in parsed.items if i.timestamp is not None]
        return not stamps or any(signatures.is_fresh(s, now, FRESH_SECONDS) for s in stamps)

    def send(self, account, reply, transport: Transport = http_transport) -> Any:
        raise NotImplementedError


class MetaAdapter(Adapter):
    """Facebook Pages (Messenger and feed), Instagram messaging and mentions, WhatsApp
    Business Cloud API: one Meta app, one secret."""

    platform = "meta"
    signature_header = "X-Hub-Signature-256"

    def handshake(self, account, params):
        challenge = signatures.meta_handshake(account.verify_token, params.get("hub.mode"),
                                              params.get("hub.verify_token"),
                                              params.get("hub.challenge"))
        return (200, challenge) if challenge is not None else (403, None)

    def verify(self, account, body, headers):
        return signatures.meta_verify(account.app_secret, body,
                                      headers.get(self.signature_header))

    def parse(self, payload):
        return social.parse_meta(payload)

    def send(self, account, reply, transport=http_transport):
        auth = {"Authorization": f"Bearer {account.access_token}"}
        if reply.source == "whatsapp":
            return transport(f"{GRAPH}/{account.account_id}/messages", {
                "messaging_product": "whatsapp", "to": reply.recipient, "type": "text",
                "text": {"body": reply.text}}, auth)
        if reply.thread and reply.source == "facebook":
            return transport(f"{GRAPH}/{reply.thread}/comments", {"message": reply.text}, auth)
        if reply.thread and reply.source == "instagram":
            return transport(f"{GRAPH}/{reply.thread}/replies", {"message": reply.text}, auth)
        return transport(f"{GRAPH}/{account.account_id or 'me'}/messages", {
            "recipient": {"id": reply.recipient}, "messaging_type": "RESPONSE",
            "message": {"text": reply.text}}, auth)


class XAdapter(Adapter):
    """X (Twitter) Account Activity API."""

    platform = "x"
    signature_header = "X-Twitter-Webhooks-Signature"

    def handshake(self, account, params):
        token = params.get("crc_token")
        if not token:
            return 400, None
        return 200, signatures.x_crc_response(account.app_secret, token)

    def verify(self, account, body, headers):
        return signatures.x_verify(account.app_secret, body, headers.get(self.signature_header))

    def parse(self, payload):
        return social.parse_x(payload)

    def send(self, account, reply, transport=http_transport):
        auth = {"Authorization": f"Bearer {account.access_token}"}
        if reply.thread:
            return transport(f"{X_API}/tweets", {
                "text": reply.text, "reply": {"in_reply_to_tweet_id": reply.thread}}, auth)
        return transport(f"{X_API}/dm_conversations/with/{reply.recipient}/messages",
                         {"text": reply.text}, auth)


ADAPTERS: dict[str, Adapter] = {"meta": MetaAdapter(), "x": XAdapter()}
# Which adapter answers each triage source.
FOR_SOURCE = {"whatsapp": "meta", "facebook": "meta", "instagram": "meta", "x": "x"}
