"""The SMS keyword grammar citizens use on any phone. Plain functions; no Django.

    ADUAN#<desa or kecamatan>#<what happened>     a complaint (LAPOR# is accepted too)
    CEK <tracking number>                         the status of a complaint (also CEK#…, STATUS …)
    INFO                                          how to use the service (also BANTUAN, HELP)

Keywords are matched whatever the case, with any spaces around the separators, and with the
`*` or `,` some phones or habits put where `#` belongs after ADUAN. Anything else — free text,
Indonesian mixed with Sasak, Samawa or Saluan words, a keyword with a part missing — is not
guessed at: it goes to the triage queue for an operator, and the sender is told so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_TEXT = 1600  # ten concatenated SMS parts

COMPLAINT = re.compile(
    r"^\s*(?:ADUAN|ADUKAN|LAPOR)\s*[#*,]\s*(?P<place>[^#*]*?)\s*[#*]\s*(?P<text>.*)$",
    re.IGNORECASE | re.DOTALL,
)
COMPLAINT_KEYWORD = re.compile(r"^\s*(?:ADUAN|ADUKAN|LAPOR)\b", re.IGNORECASE)
STATUS = re.compile(
    r"^\s*(?:CEK|STATUS)\s*[#*:]?\s*(?P<number>[A-Za-z0-9][A-Za-z0-9 \-]{2,30})\s*$",
    re.IGNORECASE,
)
STATUS_KEYWORD = re.compile(r"^\s*(?:CEK|STATUS)\b", re.IGNORECASE)
HELP = re.compile(r"^\s*(?:INFO|BANTUAN|HELP|TOLONG\s+INFO)\s*[?.!]*\s*$", re.IGNORECASE)
PLACE_PREFIX = re.compile(
    r"^(?:desa|ds|kelurahan|kel|kecamatan|kec|dusun|dsn|kampung|kp)\b\.?\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Parsed:
    kind: str  # "complaint", "status", "help", "triage"
    text: str = ""
    place: str = ""
    tracking: str = ""
    problem: str = ""  # why a message that looked like a keyword went to triage


def clean(text: str) -> str:
    """Printable text: NFC, no control characters except newlines, bounded length."""
    text = unicodedata.normalize("NFC", text or "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return text.strip()[:MAX_TEXT]


def parse(message: str) -> Parsed:
    text = clean(message)
    if not text:
        return Parsed("triage", problem="empty")
    if HELP.match(text):
        return Parsed("help")
    match = COMPLAINT.match(text)
    if match:
        place, body = match["place"].strip(), " ".join(match["text"].split())
        if not body:
            return Parsed("triage", text=text, place=place, problem="no_text")
        if not place:
            return Parsed("triage", text=text, problem="no_place")
        return Parsed("complaint", text=body, place=place)
    if COMPLAINT_KEYWORD.match(text):
        return Parsed("triage", text=text, problem="format")
    match = STATUS.match(text)
    if match:
        return Parsed("status", tracking=re.sub(r"\s+", "", match["number"]).upper())
    if STATUS_KEYWORD.match(text):
        return Parsed("triage", text=text, problem="no_number")
    return Parsed("triage", text=text)


def place_key(name: str) -> str:
    """A region name as people type it, reduced for comparison: no "Desa"/"Kec." prefix, no
    accents or punctuation, lower case, single spaces ("Ds. Seteluk  Atas" → "seteluk atas")."""
    name = unicodedata.normalize("NFKD", name or "")
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    name = PLACE_PREFIX.sub("", name.strip())
    name = re.sub(r"[^0-9a-zA-Z]+", " ", name)
    return " ".join(name.lower().split())


def fits_one_sms(text: str) -> bool:
    return len(text) <= 160
