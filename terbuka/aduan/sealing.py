"""Encryption of reporters' identities (Fernet, from the `cryptography` package).

The key comes from the ADUAN_IDENTITY_KEY setting (one or more keys, newest first, so keys
can be rotated). Outside production, with no key set, a key derived from SECRET_KEY is used so
development and tests work; production refuses to seal without a real key.
"""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _fernet() -> MultiFernet:
    keys = list(getattr(settings, "ADUAN_IDENTITY_KEY", []) or [])
    if not keys:
        if getattr(settings, "PRODUCTION", False):
            raise ImproperlyConfigured(
                "ADUAN_IDENTITY_KEY must be set in production to seal reporters' identities."
            )
        digest = hashlib.sha256(("aduan-identity:" + settings.SECRET_KEY).encode()).digest()
        keys = [base64.urlsafe_b64encode(digest).decode()]
    try:
        return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key)
                            for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(f"ADUAN_IDENTITY_KEY is not a Fernet key: {exc}") from exc


def seal(identity: dict) -> str:
    return _fernet().encrypt(json.dumps(identity, ensure_ascii=False).encode()).decode()


def unseal(ciphertext: str) -> dict:
    try:
        return json.loads(_fernet().decrypt(ciphertext.encode()))
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "A sealed identity could not be decrypted with ADUAN_IDENTITY_KEY."
        ) from exc
