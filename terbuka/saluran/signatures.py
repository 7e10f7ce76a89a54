"""Request signatures of the platforms that call our webhooks. Plain functions; no Django.

* X (Twitter) Account Activity API: the CRC check answers a GET `crc_token` with
  `{"response_token": "sha256=" + base64(HMAC-SHA256(consumer secret, crc_token))}`; every POST
  carries `x-twitter-webhooks-signature: sha256=<base64 HMAC-SHA256(consumer secret, body)>`.
* Meta (Facebook Pages, Instagram, WhatsApp Business Cloud API): the subscription GET sends
  `hub.mode=subscribe`, `hub.verify_token` and `hub.challenge`, answered with the challenge when
  the token matches; every POST carries `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret,
  raw body)>`.

Signatures are compared in constant time over the raw bytes received (never a re-serialised
body). Replays are refused by the caller with `is_fresh` and a record of the ids already seen.
"""

from __future__ import annotations

import base64
import hashlib
import hmac


def _mac(secret: str, payload: bytes) -> bytes:
    return hmac.new(secret.encode(), payload, hashlib.sha256).digest()


def x_crc_response(consumer_secret: str, crc_token: str) -> dict[str, str]:
    digest = _mac(consumer_secret, crc_token.encode())
    return {"response_token": "sha256=" + base64.b64encode(digest).decode()}


def x_signature(consumer_secret: str, body: bytes) -> str:
    return "sha256=" + base64.b64encode(_mac(consumer_secret, body)).decode()


def x_verify(consumer_secret: str, body: bytes, header: str | None) -> bool:
    if not consumer_secret or not header:
        return False
    return hmac.compare_digest(x_signature(consumer_secret, body).encode(),
                               header.strip().encode())


def meta_signature(app_secret: str, body: bytes) -> str:
    return "sha256=" + _mac(app_secret, body).hex()


def meta_verify(app_secret: str, body: bytes, header: str | None) -> bool:
    if not app_secret or not header:
        return False
    return hmac.compare_digest(meta_signature(app_secret, body).encode(),
                               header.strip().lower().encode())


def meta_handshake(verify_token: str, mode: str | None, token: str | None,
                   challenge: str | None) -> str | None:
    """The challenge to echo, or None when the request is not a valid subscription."""
    if not verify_token or mode != "subscribe" or token is None or challenge is None:
        return None
    if not hmac.compare_digest(verify_token.encode(), token.encode()):
        return None
    return challenge


def epoch_seconds(value) -> float | None:
    """A platform timestamp (seconds or milliseconds, number or text) as seconds."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number / 1000 if number > 10**11 else number


def is_fresh(timestamp, now: float, window: float) -> bool:
    """True when `timestamp` is within `window` seconds of `now` (either side: clocks drift)."""
    seconds = epoch_seconds(timestamp)
    return seconds is not None and abs(now - seconds) <= window
