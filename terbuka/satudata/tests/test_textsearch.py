"""The pure Indonesian text functions: stems, stopwords, synonyms, query expressions."""

from terbuka.satudata import textsearch


def test_stems_join_word_forms():
    assert textsearch.stem("kemiskinan") == textsearch.stem("miskin") == "miskin"
    assert textsearch.stem("pertanian") == "tani"


def test_index_text_drops_stopwords_and_keeps_repeats():
    text = textsearch.index_text("Jumlah Penduduk Miskin", "penduduk miskin dan desa")
    assert text.split() == ["duduk", "miskin", "duduk", "miskin", "desa"]


def test_synonyms_expand_each_query_word():
    groups = textsearch.query_terms("populasi")
    assert groups[0][0] == textsearch.stem("populasi")
    assert textsearch.stem("penduduk") in groups[0]


def test_query_expressions_quote_terms():
    groups = [["miskin", "sejahtera"], ["desa"]]
    assert textsearch.fts5_query(groups) == '("miskin" OR "sejahtera") AND ("desa")'
    assert textsearch.tsquery(groups) == "('miskin' | 'sejahtera') & ('desa')"


def test_accents_and_punctuation_are_ignored():
    assert textsearch.words("Café—Kesehatan!") == ["cafe", "kesehatan"]
