"""Removing personal data from complaint text shown publicly. Pure: no Django.

Citizens often type their NIK, phone number or e-mail into the description; public pages show
the text with those replaced.
"""

from __future__ import annotations

import re

NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
PHONE = re.compile(r"(?<![\w])(?:\+62|62|0)8[\d\- ]{7,13}\d")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LONG_NUMBER = re.compile(r"(?<!\d)\d{10,}(?!\d)")


def redact(text: str) -> str:
    text = EMAIL.sub("[e-mail]", text or "")
    text = NIK.sub("[NIK]", text)
    text = PHONE.sub("[telepon]", text)
    return LONG_NUMBER.sub("[nomor]", text)
