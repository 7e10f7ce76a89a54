"""Demo PMKS register for Kabupaten Sumbawa Barat: people with a few of the 26 categories,
found by kader, desa and posyandu, with assessments, aid from pemda, desa, community and CSR,
a referral between OPD and a posyandu flag that went through core.referrals. Every person
is invented (NIK in the 99… range, which no real NIK uses). Other pemda get nothing.
Idempotent: skipped when the pemda already has cases."""

from __future__ import annotations

import datetime

from terbuka.core import services as core_services
from terbuka.core.demo import demo_user
from terbuka.core.models import Opd, Role
from terbuka.sosial import services
from terbuka.sosial.models import Case

D = datetime.date
PEOPLE = (
    # name, sex, desa, birth, categories, disability, found by, kk decile
    ("Inaq Rahmah", "P", "52.07.02.2001", D(1941, 3, 2), ["08"], "", "kader", 1),
    ("Amaq Saleh", "L", "52.07.02.2001", D(1968, 8, 17), ["09", "24"], "fisik", "desa", 2),
    ("Baiq Nuraini", "P", "52.07.02.2011", D(1985, 1, 9), ["23"], "", "petugas", 2),
    ("Lalu Ahmad Fauzi", "L", "52.07.03.2001", D(2012, 6, 30), ["05"], "rungu", "kader", 3),
    ("Salmah", "P", "52.07.03.2001", D(1955, 11, 4), ["08", "24"], "", "desa", 1),
    ("Junaidi", "L", "52.07.08.2002", D(1979, 2, 14), ["15"], "", "petugas", 4),
    ("Hasanah", "P", "52.07.08.2002", D(1990, 5, 5), ["19"], "", "aduan", 3),
    ("Mahmud", "L", "52.07.02.2011", D(1962, 9, 21), ["24"], "", "desa", 1),
)


def load(pemda, stdout) -> None:
    if pemda.slug != "ksb" or Case.objects.filter(pemda=pemda).exists():
        return
    officer = demo_user(pemda, Role.PETUGAS_SOSIAL)
    dinsos = Opd.objects.filter(pemda=pemda, acronym="Dinsos").first()
    dinkes = Opd.objects.filter(pemda=pemda, acronym="Dinkes").first()
    dukcapil = Opd.objects.filter(pemda=pemda, acronym="Disdukcapil").first()
    lines = ["nik;desil"]
    for i, (name, sex, desa, born, cats, disability, found_by, decile) in enumerate(PEOPLE):
        nik = f"99{desa[:5].replace('.', '')}{i:010d}"[:16].ljust(16, "0")
        person = services.person_register(actor=officer, pemda=pemda, name=name, sex=sex,
                                          desa=desa, nik=nik, birth_date=born,
                                          kk_number=f"98{i:014d}")
        case = services.case_open(actor=officer, person=person, categories=cats,
                                  found_by=found_by, found_on=D(2025, 2, 1 + i),
                                  disability_type=disability)
        lines.append(f"{nik};{decile}")
        if i % 4 == 3:
            continue  # still waiting for assessment
        services.assessment_record(actor=officer, case=case, assessed_on=D(2025, 2, 10 + i),
                                   assessor="Pekerja sosial Dinsos", priority="tinggi"
                                   if decile == 1 else "sedang",
                                   needs="Kebutuhan dasar, jaminan kesehatan (PBI JKN)")
        giver = ("pemda", "desa", "masyarakat", "csr")[i % 4]
        services.aid_record(actor=officer, case=case, given_on=D(2025, 3, 1 + i),
                            kind="barang" if giver != "pemda" else "jaminan",
                            description="Paket sembako bulanan" if giver != "pemda"
                            else "Didaftarkan PBI JKN", giver=giver,
                            giver_name="PT Amman Mineral" if giver == "csr" else "",
                            value=300_000 if giver != "pemda" else 0, opd=dinsos)
        if cats[0] in ("05", "09") and dinsos and dinkes:
            sent = services.opd_referral_send(actor=officer, case=case, from_opd=dinsos,
                                              to_opd=dinkes, sent_on=D(2025, 3, 5),
                                              reason="Pemeriksaan dan alat bantu disabilitas")
            services.opd_referral_respond(actor=None, referral=sent, status="diterima",
                                          response="Dijadwalkan di Puskesmas")
        if i == 0 and dinsos and dukcapil:
            services.opd_referral_send(actor=officer, case=case, from_opd=dinsos,
                                       to_opd=dukcapil, sent_on=D(2025, 3, 6),
                                       reason="KTP-el untuk lansia (layanan jemput bola)")
        if i == 2:
            services.follow_up(actor=officer, case=case, on=D(2025, 5, 2), close=True,
                               note="Sudah bekerja di UMKM binaan, kasus ditutup")
    services.dtsen_import(actor=None, pemda=pemda, text="\n".join(lines), as_of=D(2025, 1, 31))
    # A child flagged at posyandu, as the posyandu module would refer it.
    referral = core_services.referral_create(
        actor=demo_user(pemda, Role.KADER_POSYANDU), pemda=pemda, kind="sosial.pmks",
        source_module="posyandu", source_ref="demo-balita-1", region_code="52.07.02.2001",
        summary="Balita gizi kurang, keluarga tidak mampu dan ayah tidak bekerja",
        payload={"name": "Baiq Zahra", "sex": "P", "birth_date": "2023-04-12",
                 "categories": ["01", "24"]})
    case = Case.objects.get(referral=referral)
    services.assessment_record(actor=officer, case=case, assessed_on=D(2025, 4, 2),
                               assessor="Pekerja sosial Dinsos", priority="tinggi",
                               needs="Makanan tambahan, PKH")
    services.aid_record(actor=officer, case=case, given_on=D(2025, 4, 10), kind="barang",
                        description="PMT balita 90 hari", giver="desa")
    stdout.write(f"  sosial: {len(PEOPLE) + 1} PMKS cases, 1 from a posyandu referral\n")
