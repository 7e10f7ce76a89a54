"""Demo data for the channels: what an operator's triage queue looks like on a normal morning
(free-text SMS in mixed Indonesian and regional words, a WhatsApp message, an X mention, a
payload of unknown shape), one item already made a complaint, and two reports exchanged with
SP4N-LAPOR!. Idempotent: nothing is added when the pemda already has triage items."""

from __future__ import annotations

import json

from django.utils import timezone

from terbuka.saluran import services
from terbuka.saluran.models import TriageItem

MESSAGES = [
    ("sms", "+6281907001111", "", "Pak lampu jalan mate leq gubuk kami sejak jelo Senin, "
     "mohon dibantu", "free_text"),
    ("sms", "+6285237002222", "", "ADUAN jalan ke sekolah rusak parah", "format"),
    ("whatsapp", "6281338003333", "Baiq Nurul", "Assalamualaikum, air PDAM di rumah kami "
     "tidak mengalir 3 hari", "whatsapp_message"),
    ("x", "1200000000000000077", "warga_peduli", "@pemda jembatan gantung dekat pasar "
     "miring, bahaya untuk anak sekolah", "x_tweet"),
    ("facebook", "7012345678901234", "Andi", "Min, sampah di pasar menumpuk sudah tiga "
     "hari, bau sekali", "facebook_message"),
]


def load(pemda, stdout=None) -> int:
    if TriageItem.objects.filter(pemda=pemda).exists():
        return 0
    created = []
    for index, (source, sender, name, text, problem) in enumerate(MESSAGES):
        item, _new = services.triage_receive(
            pemda=pemda, source=source, text=text, sender=sender, sender_name=name,
            external_id=f"demo-{pemda.slug}-{index}", problem=problem,
            raw={"kind": problem, "thread": ""})
        created.append(item)
    services.triage_receive(pemda=pemda, source="facebook", text="Payload of unknown shape",
                            raw={"object": "page", "entry": [{"standby": [{"sender": {}}]}]},
                            external_id=f"demo-{pemda.slug}-unknown", problem="unknown_shape")
    if pemda.uses_module("aduan"):
        services.triage_promote(actor=None, item=created[2])
        today = timezone.localdate().isoformat()
        batch = [
            {"lapor_id": f"9{pemda.pk:03d}0001", "judul": "Pelayanan KTP-el lambat",
             "isi": "Sudah dua minggu KTP-el belum jadi padahal dijanjikan tiga hari.",
             "klasifikasi": "pengaduan", "tanggal": f"{today}T09:00:00+08:00",
             "status": "terverifikasi", "anonim": False, "rahasia": False},
            {"lapor_id": f"9{pemda.pk:03d}0002", "judul": "Usulan taman baca desa",
             "isi": "Mohon dibangun taman baca di balai desa untuk anak-anak.",
             "klasifikasi": "aspirasi", "tanggal": f"{today}T10:30:00+08:00",
             "status": "belum_terverifikasi", "anonim": True, "rahasia": False},
        ]
        services.lapor_import(actor=None, pemda=pemda, text=json.dumps(batch), fmt="json")
    if stdout is not None:
        stdout.write(f"  saluran: {len(created) + 1} triage items, 2 LAPOR! reports\n")
    return len(created) + 1
