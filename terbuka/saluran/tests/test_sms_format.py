"""The SMS grammar: keywords whatever the case and spacing; everything else to triage."""

import pytest

from terbuka.saluran import smsformat


@pytest.mark.parametrize("text", [
    "ADUAN#Seteluk Atas#Jalan rusak parah",
    "aduan # seteluk atas # Jalan rusak parah",
    "Aduan#Seteluk Atas#  Jalan   rusak parah  ",
    "LAPOR#Seteluk Atas#Jalan rusak parah",
    "ADUAN*Seteluk Atas*Jalan rusak parah",
    "  ADUAN, Seteluk Atas # Jalan rusak parah",
])
def test_complaint_forms(text):
    parsed = smsformat.parse(text)
    assert parsed.kind == "complaint"
    assert parsed.place == parsed.place.strip() and parsed.place.lower() == "seteluk atas"
    assert parsed.text == "Jalan rusak parah"


def test_text_may_hold_more_hashes_and_lines():
    parsed = smsformat.parse("ADUAN#Taliwang#lampu mati #3 hari\nsudah lapor RT")
    assert parsed.kind == "complaint" and parsed.text == "lampu mati #3 hari sudah lapor RT"


@pytest.mark.parametrize(("text", "number"), [
    ("CEK KSB-2611-ABCD", "KSB-2611-ABCD"), ("cek ksb-2611-abcd", "KSB-2611-ABCD"),
    ("CEK#KSB-2611-ABCD", "KSB-2611-ABCD"), ("Status: KSB 2611 ABCD", "KSB2611ABCD"),
])
def test_status_query(text, number):
    parsed = smsformat.parse(text)
    assert (parsed.kind, parsed.tracking) == ("status", number)


@pytest.mark.parametrize(("text", "problem"), [
    ("ADUAN#Taliwang#", "no_text"),
    ("ADUAN##jalan rusak", "no_place"),
    ("ADUAN jalan rusak di taliwang", "format"),
    ("CEK", "no_number"),
    ("", "empty"),
    ("\x00\x01", "empty"),
])
def test_keywords_with_parts_missing_go_to_triage_with_the_reason(text, problem):
    parsed = smsformat.parse(text)
    assert (parsed.kind, parsed.problem) == ("triage", problem)


@pytest.mark.parametrize("text", [
    "Pak, jalan ke dusun kami rusak, tolong diperbaiki",
    "Tabe, lampu jalan mate leq gubuk kami sejak jelo Senin",  # Sasak mixed in
    "Nda ada air bersih ko desa, mohon bantu",  # Samawa mixed in
    "Aduh listrik padam lagi",  # starts like ADUAN but is not the keyword
    "Cekungan jalan di depan SD berbahaya",  # starts like CEK but is not the keyword
])
def test_free_text_and_mixed_language_go_to_triage(text):
    parsed = smsformat.parse(text)
    assert parsed.kind == "triage" and parsed.text == text and parsed.problem == ""


@pytest.mark.parametrize("text", ["INFO", "info?", "Bantuan", "HELP"])
def test_help(text):
    assert smsformat.parse(text).kind == "help"


@pytest.mark.parametrize(("typed", "key"), [
    ("Ds. Seteluk  Atas", "seteluk atas"), ("Kec. Taliwang", "taliwang"),
    ("DESA MENTÉRENG", "mentereng"), ("Kelurahan Dalam", "dalam"),
    ("Seteluk", "seteluk"),
])
def test_place_key(typed, key):
    assert smsformat.place_key(typed) == key


def test_long_messages_are_cut_to_ten_parts():
    assert len(smsformat.clean("a" * 5000)) == smsformat.MAX_TEXT
