"""Webhook signatures: X CRC and HMAC, Meta handshake and X-Hub-Signature-256, freshness."""

import base64
import hashlib
import hmac

from terbuka.saluran import signatures

SECRET = "rahasia-aplikasi"
BODY = b'{"object":"page","entry":[]}'


def test_x_crc_response_matches_an_independent_computation():
    expected = base64.b64encode(hmac.new(b"rahasia-aplikasi", b"crc123", hashlib.sha256)
                                .digest()).decode()
    assert signatures.x_crc_response(SECRET, "crc123") == {"response_token": "sha256=" +
                                                           expected}


def test_x_signature_verifies_only_the_exact_body_and_secret():
    header = signatures.x_signature(SECRET, BODY)
    assert signatures.x_verify(SECRET, BODY, header)
    assert not signatures.x_verify(SECRET, BODY + b" ", header)
    assert not signatures.x_verify("other", BODY, header)
    assert not signatures.x_verify(SECRET, BODY, None)
    assert not signatures.x_verify("", BODY, header)


def test_meta_signature_is_hex_hmac_sha256():
    expected = "sha256=" + hmac.new(SECRET.encode(), BODY, hashlib.sha256).hexdigest()
    assert signatures.meta_signature(SECRET, BODY) == expected
    assert signatures.meta_verify(SECRET, BODY, expected.upper().replace("SHA256", "sha256"))
    assert not signatures.meta_verify(SECRET, BODY, "sha1=" + expected[7:])
    assert not signatures.meta_verify(SECRET, BODY, "")


def test_meta_handshake():
    assert signatures.meta_handshake("tok", "subscribe", "tok", "42") == "42"
    assert signatures.meta_handshake("tok", "subscribe", "bad", "42") is None
    assert signatures.meta_handshake("tok", "unsubscribe", "tok", "42") is None
    assert signatures.meta_handshake("", "subscribe", "", "42") is None


def test_freshness_in_seconds_or_milliseconds():
    now = 1_800_000_000
    assert signatures.is_fresh(now - 100, now, 300)
    assert signatures.is_fresh((now - 100) * 1000, now, 300)
    assert signatures.is_fresh(str(now), now, 300)
    assert not signatures.is_fresh(now - 301, now, 300)
    assert not signatures.is_fresh("kemarin", now, 300)
    assert not signatures.is_fresh(None, now, 300)
