"""End to end with the real Gammu SMSD and its dummy phone (Debian gammu-smsd, no modem):
an SMS put on the dummy phone lands in the spool inbox, becomes a complaint, and the answer
we write to the outbox is taken and sent by gammu-smsd (moved to its sent folder)."""

import shutil
import subprocess

import pytest

from terbuka.aduan.models import Complaint
from terbuka.saluran import gammu
from terbuka.saluran.models import SmsGateway
from terbuka.saluran.services import sms_process

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not (shutil.which("gammu-smsd") and shutil.which("gammu")),
                       reason="gammu-smsd not installed (apt-get install gammu-smsd)"),
]

CONFIG = """[gammu]
device = {root}/dummy
model = dummy
connection = none

[smsd]
service = files
inboxpath = {root}/inbox/
outboxpath = {root}/outbox/
sentsmspath = {root}/sent/
errorsmspath = {root}/error/
inboxformat = unicode
logfile = {root}/smsd.log
checksecurity = 0
checkbattery = 0
checksignal = 0
receivefrequency = 1
loopsleep = 1
"""


def _run(args, root):
    subprocess.run(args, check=True, capture_output=True, timeout=30, cwd=root)  # noqa: S603


def _smsd(root, seconds=3):
    # gammu-smsd runs until stopped; a few seconds is several receive and send loops.
    subprocess.run(["timeout", str(seconds), "gammu-smsd", "-c", str(root / "smsdrc")],  # noqa: S603, S607
                   capture_output=True, timeout=seconds + 10, cwd=root)


def test_dummy_phone_sms_becomes_a_complaint_and_the_reply_is_sent(world, tmp_path):
    root = tmp_path
    for name in ("dummy", "inbox", "outbox", "sent", "error"):
        (root / name).mkdir()
    (root / "smsdrc").write_text(CONFIG.format(root=root))
    _run(["gammu", "-c", str(root / "smsdrc"), "savesms", "TEXT", "-folder", "1", "-unread",
          "-sender", "+6281907001234", "-text", "ADUAN#Seteluk Atas#Lampu jalan mati 3 hari"],
         root)
    _smsd(root)
    received = list((root / "inbox").glob("IN*_+6281907001234_00.txt"))
    assert received, (root / "smsd.log").read_text()
    assert received[0].read_bytes()[:2] in (b"\xfe\xff", b"\xff\xfe")  # UTF-16 with BOM

    gateway = SmsGateway.objects.create(pemda=world.pemda, inbox_path=str(root / "inbox"),
                                        outbox_path=str(root / "outbox"))
    counts = sms_process(gateway=gateway)
    complaint = Complaint.objects.get()
    assert counts["complaint"] == 1 and complaint.region_id == "52.07.03.2004"
    assert len(list((root / "outbox").glob("OUT*.txt"))) == 1

    _smsd(root)
    sent = list((root / "sent").glob("OUT*.txt"))
    assert len(sent) == 1, (root / "smsd.log").read_text()
    assert complaint.tracking_number in gammu.decode(sent[0].read_bytes())
    assert "Transmitted" in (root / "smsd.log").read_text()
    assert not list((root / "outbox").glob("OUT*.txt"))
