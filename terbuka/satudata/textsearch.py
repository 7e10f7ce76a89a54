"""Indonesian text for search: words, Sastrawi stems and synonyms. Pure Python, no Django.

The same function turns a dataset into its indexed words and a query into the words it looks
for, so "kemiskinan" in a query finds "penduduk miskin" in a title: both stem to "miskin".
Synonyms are applied at query time (each query word matches any of its synonyms), so changing
the list needs no reindexing.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD = re.compile(r"[0-9a-z]+")

# Function words that would match almost every dataset.
STOPWORDS = frozenset({
    "dan", "di", "ke", "dari", "yang", "untuk", "pada", "dengan", "atau", "per", "dalam", "oleh",
    "the", "of", "and", "in", "for", "to", "by", "tahun", "data", "jumlah", "menurut",
})

# Groups of words that mean the same for someone searching. Stemmed before use.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("penduduk", "populasi", "demografi", "warga", "jiwa"),
    ("kemiskinan", "miskin", "prasejahtera"),
    ("kesehatan", "sehat", "puskesmas"),
    ("pendidikan", "sekolah", "murid", "siswa"),
    ("pekerjaan", "tenaga kerja", "ketenagakerjaan", "pengangguran"),
    ("anggaran", "apbd", "keuangan", "belanja"),
    ("jalan", "infrastruktur"),
    ("pertanian", "tani", "petani", "padi"),
    ("perikanan", "ikan", "nelayan"),
    ("stunting", "gizi", "tengkes"),
    ("pariwisata", "wisata", "turis", "wisatawan"),
    ("bencana", "banjir", "gempa"),
    ("covid", "corona", "pandemi"),
    ("ekonomi", "pdrb", "pertumbuhan"),
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The Sastrawi stem of one lower-case word; numbers and short words stay as they are."""
    if len(word) <= 3 or word.isdigit():
        return word
    return _stemmer().stem(word) or word


def words(text: str) -> list[str]:
    return [w for w in WORD.findall(normalise(text)) if w not in STOPWORDS]


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def index_text(*parts: str) -> str:
    """What the index stores for a document: its stems, space separated. Repeats are kept:
    how often a word occurs is what ranking weighs (the title is passed twice for that)."""
    return " ".join(s for part in parts for s in stems(part))


@lru_cache(maxsize=1)
def _synonym_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in SYNONYMS:
        stemmed = {s for phrase in group for s in stems(phrase)}
        for s in stemmed:
            index.setdefault(s, set()).update(stemmed)
    return {k: frozenset(v) for k, v in index.items()}


def query_terms(q: str) -> list[list[str]]:
    """Each query word as the list of stems that may stand for it (itself first, then its
    synonyms). A dataset matches when it contains one stem of every group."""
    groups: list[list[str]] = []
    syn = _synonym_index()
    for s in dict.fromkeys(stems(q)):
        alternatives = [s] + sorted(syn.get(s, frozenset()) - {s})
        groups.append(alternatives)
    return groups


def fts5_query(groups: list[list[str]]) -> str:
    """An SQLite FTS5 MATCH expression: AND of ORs of quoted terms."""
    return " AND ".join(
        "(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in groups
    )


def tsquery(groups: list[list[str]]) -> str:
    """A PostgreSQL to_tsquery('simple', ...) expression with the same meaning."""
    return " & ".join("(" + " | ".join(f"'{t}'" for t in group) + ")" for group in groups)
