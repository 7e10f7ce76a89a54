"""Text similarity for duplicate suggestions. Pure: no Django.

Words are lower-cased, stripped of Indonesian stop words and stemmed with Sastrawi, then
compared as sets (Jaccard). Cheap enough to rank a few hundred recent candidates per request.
"""

from __future__ import annotations

import re
from functools import lru_cache

THRESHOLD = 0.25
WORD = re.compile(r"[a-z0-9]+")
_STOP_TEXT = (
    "yang dan di ke dari ini itu untuk dengan pada ada tidak sudah belum akan juga "
    "karena kami saya kita mohon tolong agar bisa sangat sekali the a of to in is "
    "are mau atau oleh dalam sejak masih lagi jadi para pak bu bapak ibu "
)
STOP = frozenset(_STOP_TEXT.split())


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=20000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)


def words(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in WORD.findall(text.lower())
                     if len(w) > 2 and w not in STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def rank(text: str, candidates):
    """[(item, score)] best first, for candidates given as (item, text)."""
    mine = words(text)
    scored = [(item, jaccard(mine, words(other))) for item, other in candidates]
    return sorted(scored, key=lambda pair: pair[1], reverse=True)
