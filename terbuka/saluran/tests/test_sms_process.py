"""The SMS gateway: a message in the Gammu inbox becomes a complaint, a status answer, help or
a triage item, and the answer is written to the outbox; nothing twice, nothing dropped."""

import shutil
from pathlib import Path

import pytest
from django.utils import translation

from terbuka.aduan.models import Channel, Complaint, public_status_label
from terbuka.saluran import gammu, services
from terbuka.saluran.models import SmsMessage, TriageItem
from terbuka.saluran.tests.conftest import drop_sms

pytestmark = pytest.mark.django_db


def _outbox(gateway):
    return dict(gammu.iter_outbox(Path(gateway.outbox_path))) if Path(
        gateway.outbox_path).exists() else {}


def test_aduan_sms_becomes_a_complaint_with_its_desa_and_a_reply(gateway):
    drop_sms(gateway, "+6281907001234", "aduan # Seteluk Atas # Jalan desa berlubang besar")
    counts = services.sms_process(gateway=gateway)
    assert counts["complaint"] == 1 and counts["sent"] == 1
    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.SMS and complaint.region_id == "52.07.03.2004"
    assert complaint.reporter_contact == "+6281907001234"
    assert complaint.body == "Jalan desa berlubang besar"
    reply = _outbox(gateway)["+6281907001234"]
    assert complaint.tracking_number in reply and "CEK" in reply
    assert not list(Path(gateway.inbox_path).iterdir())  # moved out, kept in terbuka-done
    assert list((Path(gateway.inbox_path).parent / "terbuka-done").iterdir())


def test_unknown_place_keeps_the_place_in_the_text(gateway):
    drop_sms(gateway, "+6281907001234", "ADUAN#Kampung Entah#Air PDAM mati")
    services.sms_process(gateway=gateway)
    complaint = Complaint.objects.get()
    assert complaint.region_id is None and "Kampung Entah" in complaint.body


def test_kecamatan_name_is_used_when_no_desa_has_it(gateway):
    drop_sms(gateway, "+6281907001234", "ADUAN#Kec. Taliwang#Lampu jalan mati")
    services.sms_process(gateway=gateway)
    assert Complaint.objects.get().region_id == "52.07.02"


def test_cek_answers_the_public_status(gateway, world):
    drop_sms(gateway, "+6281907001234", "ADUAN#Seloto#Sampah menumpuk")
    services.sms_process(gateway=gateway)
    number = Complaint.objects.get().tracking_number
    drop_sms(gateway, "+6281907005555", f"cek {number.lower()}", stamp="20261123_101600")
    services.sms_process(gateway=gateway)
    reply = _outbox(gateway)["+6281907005555"]
    with translation.override("id"):  # the answer is in the pemda's language
        label = public_status_label(Complaint.objects.get().status)
    assert reply.startswith(f"{number}: {label} (")


def test_cek_of_an_unknown_number_says_so(gateway):
    drop_sms(gateway, "+6281907001234", "CEK KSB-2611-ZZZZ")
    services.sms_process(gateway=gateway)
    assert "KSB-2611-ZZZZ" in _outbox(gateway)["+6281907001234"]
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize("text", [
    "Pak lampu jalan mate leq gubuk kami",  # free text, Sasak words
    "ADUAN jalan rusak",  # keyword without separators
    "ADUAN#Taliwang#",  # no text
])
def test_free_or_malformed_text_goes_to_triage_and_is_answered(gateway, text):
    drop_sms(gateway, "+6281907001234", text)
    counts = services.sms_process(gateway=gateway)
    item = TriageItem.objects.get()
    assert counts["triage"] == 1 and item.text == text and item.source == "sms"
    assert item.reference in _outbox(gateway)["+6281907001234"]
    assert Complaint.objects.count() == 0


def test_help(gateway):
    drop_sms(gateway, "+6281907001234", "info")
    services.sms_process(gateway=gateway)
    assert "ADUAN#" in _outbox(gateway)["+6281907001234"]


def test_an_operator_name_sender_goes_to_triage_without_a_reply(gateway):
    drop_sms(gateway, "TELKOMSEL", "ADUAN#Seloto#Promo")
    services.sms_process(gateway=gateway)
    assert TriageItem.objects.get().problem == "no_reply_number"
    assert _outbox(gateway) == {}


def test_reprocessing_the_same_file_answers_once(gateway, tmp_path):
    path = drop_sms(gateway, "+6281907001234", "ADUAN#Seloto#Sampah")
    copy = tmp_path / "copy.txt"
    shutil.copy(path, copy)
    services.sms_process(gateway=gateway)
    shutil.copy(copy, path)  # the same file arrives again (restored backup, second worker)
    counts = services.sms_process(gateway=gateway)
    assert counts["repeated"] == 1
    assert Complaint.objects.count() == 1
    assert SmsMessage.objects.filter(direction="out").count() == 1
    assert len(list(Path(gateway.outbox_path).glob("OUT*"))) == 1


def test_a_file_gammu_would_not_name_so_is_kept_in_triage(gateway):
    inbox = Path(gateway.inbox_path)
    inbox.mkdir(parents=True)
    (inbox / "INRUSAK.txt").write_bytes(b"isi aneh")
    counts = services.sms_process(gateway=gateway)
    assert counts["strange"] == 1
    assert TriageItem.objects.get().problem == "file_name"
    assert (inbox.parent / "terbuka-failed" / "INRUSAK.txt").exists()


def test_multipart_sms_is_one_complaint(gateway):
    drop_sms(gateway, "+6281907001234", "ADUAN#Seloto#Jembatan ", part="00")
    drop_sms(gateway, "+6281907001234", "retak dan miring", part="01")
    services.sms_process(gateway=gateway)
    assert Complaint.objects.get().body == "Jembatan retak dan miring"


def test_command_registers_the_gateway_and_reports(world, tmp_path, capsys):
    from django.core.management import call_command

    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "IN20261123_101500_00_+6281907001234_00.txt").write_text("ADUAN#Seloto#Banjir")
    call_command("saluran_sms", pemda="ksb", inbox=str(inbox), outbox=str(outbox))
    assert "complaint 1" in capsys.readouterr().out
    assert len(list(outbox.glob("OUTA*.txt"))) == 1
