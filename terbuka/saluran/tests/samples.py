"""Recorded webhook payloads (in payloads/, shaped as the platforms document them), filled with
a fresh timestamp and signed the way each platform signs."""

import time
from pathlib import Path

from terbuka.saluran import signatures

HERE = Path(__file__).parent / "payloads"


def body(name: str, at: float | None = None) -> bytes:
    at = time.time() if at is None else at
    text = (HERE / f"{name}.json").read_text()
    return (text.replace("{{TSMS}}", str(int(at * 1000))).replace("{{TS}}", str(int(at)))
            .encode())


def meta_headers(secret: str, raw: bytes) -> dict:
    return {"HTTP_X_HUB_SIGNATURE_256": signatures.meta_signature(secret, raw)}


def x_headers(secret: str, raw: bytes) -> dict:
    return {"HTTP_X_TWITTER_WEBHOOKS_SIGNATURE": signatures.x_signature(secret, raw)}
