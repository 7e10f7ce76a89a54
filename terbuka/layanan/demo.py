"""Demo service standards for a few KSB OPD, and two restructurings. The OPD are real; the
standards follow the usual content of such services (Perpres 96/2018 for civil documents) but
their wording is invented, as are the restructuring dates and regulations (illustrative of
the 2016 SOTK change under PP 18/2016). Other pemda get the standards only. Idempotent."""

from __future__ import annotations

import datetime

from terbuka.core.models import Opd, UnitLayanan
from terbuka.layanan import services
from terbuka.layanan.models import Restructuring, ServiceStandard

CHANNEL = ("Kotak saran di loket; SMS/WhatsApp pengaduan; aplikasi aduan pemda; "
           "LAPOR! (lapor.go.id)")
STANDARDS = {
    "Disdukcapil": [
        {"name": "Penerbitan KTP-el", "requirements": "Kartu Keluarga\nBerusia 17 tahun atau "
         "sudah/pernah kawin", "procedure": "1. Ambil nomor antrian\n2. Verifikasi berkas\n"
         "3. Perekaman biometrik\n4. Pencetakan dan penyerahan", "duration": "1 hari kerja",
         "duration_days": 1, "cost": "Tidak dipungut biaya", "product": "KTP elektronik"},
        {"name": "Penerbitan Akta Kelahiran", "requirements": "Surat keterangan lahir\n"
         "Kartu Keluarga\nKTP-el orang tua", "procedure": "1. Isi formulir F-2.01\n"
         "2. Verifikasi\n3. Penandatanganan elektronik\n4. Akta dikirim via surel atau diambil",
         "duration": "1 hari kerja", "duration_days": 1, "cost": "Tidak dipungut biaya",
         "product": "Kutipan akta kelahiran"},
    ],
    "Dinsos": [
        {"name": "Rekomendasi Penerima Bantuan Iuran JKN", "requirements": "KTP-el dan KK\n"
         "Surat keterangan tidak mampu dari desa", "procedure": "1. Pengajuan melalui desa\n"
         "2. Verifikasi dan kunjungan rumah\n3. Usulan ke DTSEN", "duration": "14 hari kerja",
         "duration_days": 14, "cost": "Tidak dipungut biaya",
         "product": "Surat rekomendasi PBI JKN"},
    ],
    "DPMPTSP": [
        {"name": "Persetujuan Bangunan Gedung (PBG)", "requirements": "Dokumen teknis "
         "bangunan\nBukti kepemilikan tanah\nKTP pemohon", "procedure": "1. Pengajuan melalui "
         "SIMBG\n2. Konsultasi TPA/TPT\n3. Penetapan retribusi\n4. Penerbitan PBG",
         "duration": "28 hari kerja", "duration_days": 28,
         "cost": "Retribusi PBG sesuai Perda Pajak dan Retribusi Daerah",
         "product": "Dokumen PBG"},
    ],
}


def load(pemda, stdout) -> None:
    made = 0
    for acronym, items in STANDARDS.items():
        opd = Opd.objects.filter(pemda=pemda, acronym=acronym).first()
        if opd is None:
            continue
        unit = UnitLayanan.objects.filter(opd=opd).first()
        for item in items:
            if ServiceStandard.objects.filter(opd=opd, name=item["name"]).exists():
                continue
            services.standard_save(actor=None, opd=opd, unit=unit, is_published=True,
                                   complaint_channel=CHANNEL,
                                   effective_on=datetime.date(2024, 1, 2), **item)
            made += 1
    if pemda.slug == "ksb" and not Restructuring.objects.filter(pemda=pemda).exists():
        dpmd = Opd.objects.filter(pemda=pemda, acronym="DPMD").first()
        dpmptsp = Opd.objects.filter(pemda=pemda, acronym="DPMPTSP").first()
        if dpmd and dpmptsp:
            services.restructuring_record(
                actor=None, pemda=pemda, kind="gabung", effective_on=datetime.date(2017, 1, 1),
                regulation="Perda SOTK 2016 (contoh)",
                old=["Badan Pemberdayaan Masyarakat", "Bagian Pemerintahan Desa Setda"],
                new=[dpmd], note="Penataan perangkat daerah menurut PP 18/2016")
            services.restructuring_record(
                actor=None, pemda=pemda, kind="ganti_nama", effective_on=datetime.date(2017, 1, 1),
                regulation="Perda SOTK 2016 (contoh)",
                old=["Kantor Pelayanan Perizinan Terpadu"], new=[dpmptsp])
    stdout.write(f"  layanan: {made} service standards\n")
