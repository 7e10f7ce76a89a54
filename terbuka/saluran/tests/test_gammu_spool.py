"""Gammu SMSD files-backend spool: names, encodings, multipart, claiming, outbox."""

import datetime

import pytest

from terbuka.saluran import gammu


def _write(folder, name, raw):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(raw)


def test_inbox_name_is_parsed_per_the_manual():
    name = gammu.parse_inbox_name("IN20021130_021531_00_+45409000931640979_00.txt")
    assert name.received_at == datetime.datetime(2002, 11, 30, 2, 15, 31)
    assert (name.serial, name.sender, name.sequence, name.ext) == (
        "00", "+45409000931640979", 0, "txt")
    assert gammu.parse_inbox_name("IN20021330_021531_00_+4540_00.txt") is None  # month 13
    assert gammu.parse_inbox_name("OUT+4540.txt") is None
    assert gammu.parse_inbox_name("IN20021130_021531_00_../x_00.txt") is None


@pytest.mark.parametrize("raw", [
    b"\xff\xfe" + "ADUAN#Désa#jalan".encode("utf-16-le"),  # InboxFormat=unicode
    "ADUAN#Désa#jalan".encode(),  # standard on a UTF-8 system
])
def test_unicode_and_standard_inbox_formats_decode(raw):
    assert gammu.decode(raw) == "ADUAN#Désa#jalan"


def test_latin1_bytes_never_fail():
    assert gammu.decode("Désa".encode("latin-1")) == "Désa"


def test_multipart_parts_are_joined_in_order_and_strange_files_reported(tmp_path):
    inbox, work = tmp_path / "inbox", tmp_path / "work"
    _write(inbox, "IN20261123_101500_00_+628111_01.txt", b" dan lampu mati")
    _write(inbox, "IN20261123_101500_00_+628111_00.txt", b"ADUAN#Taliwang#jalan rusak")
    _write(inbox, "IN20261123_101501_00_+628222_00.txt", b"CEK KSB-2611-ABCD")
    _write(inbox, "README", b"not a message")
    messages, strange = gammu.read_inbox(inbox, work)
    assert [m.text for m in messages] == ["ADUAN#Taliwang#jalan rusak dan lampu mati",
                                          "CEK KSB-2611-ABCD"]
    assert messages[0].sender == "+628111" and len(messages[0].files) == 2
    assert [p.name for p in strange] == []  # README does not start with IN: left alone
    assert (inbox / "README").exists() and not list(inbox.glob("IN*"))
    assert len(list(work.iterdir())) == 3


def test_a_missing_part_is_marked_not_silently_joined(tmp_path):
    inbox = tmp_path / "inbox"
    _write(inbox, "IN20261123_101500_00_+628111_00.txt", b"awal")
    _write(inbox, "IN20261123_101500_00_+628111_02.txt", b"akhir")
    (message,), _ = gammu.read_inbox(inbox, tmp_path / "work")
    assert message.text == "awal […] akhir"


def test_unparseable_in_file_is_returned_as_strange(tmp_path):
    inbox = tmp_path / "inbox"
    _write(inbox, "INBROKEN.txt", b"x")
    messages, strange = gammu.read_inbox(inbox, tmp_path / "work")
    assert messages == [] and [p.name for p in strange] == ["INBROKEN.txt"]


def test_outbox_file_is_utf16_with_bom_and_named_for_gammu(tmp_path):
    when = datetime.datetime(2026, 11, 23, 10, 15, 0)
    path = gammu.write_outbox(tmp_path, "+6281234", "Nomor: KSB-2611-ABCD · Désa", when=when,
                              note="r1")
    assert path.name == "OUTA20261123_101500_00_+6281234_r1.txt"
    assert path.read_bytes().startswith(b"\xff\xfe")
    assert list(gammu.iter_outbox(tmp_path)) == [("+6281234", "Nomor: KSB-2611-ABCD · Désa")]
    assert not list(tmp_path.glob(".*"))


@pytest.mark.parametrize("number", ["", "../etc", "+62 812", "x" * 30, "+62_812"])
def test_outbox_refuses_numbers_that_are_not_numbers(tmp_path, number):
    with pytest.raises(gammu.SpoolError):
        gammu.write_outbox(tmp_path, number, "hi")


def test_finish_moves_files(tmp_path):
    inbox = tmp_path / "inbox"
    _write(inbox, "IN20261123_101500_00_+628111_00.txt", b"x")
    (message,), _ = gammu.read_inbox(inbox, tmp_path / "work")
    gammu.finish(message.files, tmp_path / "done")
    assert (tmp_path / "done" / message.key).exists()
