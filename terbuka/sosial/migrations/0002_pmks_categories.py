"""Load the 26 PMKS categories of Permensos 08/2012 (the data is copied here so this migration
keeps working whatever later happens to codelists.py)."""

from django.db import migrations

VERSION = "permensos-08-2012"
CATEGORIES = (
    ("01", "Anak Balita Terlantar"),
    ("02", "Anak Terlantar"),
    ("03", "Anak yang Berhadapan dengan Hukum"),
    ("04", "Anak Jalanan"),
    ("05", "Anak dengan Kedisabilitasan (ADK)"),
    ("06", "Anak yang Menjadi Korban Tindak Kekerasan atau Diperlakukan Salah"),
    ("07", "Anak yang Memerlukan Perlindungan Khusus"),
    ("08", "Lanjut Usia Terlantar"),
    ("09", "Penyandang Disabilitas"),
    ("10", "Tuna Susila"),
    ("11", "Gelandangan"),
    ("12", "Pengemis"),
    ("13", "Pemulung"),
    ("14", "Kelompok Minoritas"),
    ("15", "Bekas Warga Binaan Lembaga Pemasyarakatan (BWBLP)"),
    ("16", "Orang dengan HIV/AIDS (ODHA)"),
    ("17", "Korban Penyalahgunaan NAPZA"),
    ("18", "Korban Trafficking"),
    ("19", "Korban Tindak Kekerasan"),
    ("20", "Pekerja Migran Bermasalah Sosial (PMBS)"),
    ("21", "Korban Bencana Alam"),
    ("22", "Korban Bencana Sosial"),
    ("23", "Perempuan Rawan Sosial Ekonomi"),
    ("24", "Fakir Miskin"),
    ("25", "Keluarga Bermasalah Sosial Psikologis"),
    ("26", "Komunitas Adat Terpencil"),
)


def load(apps, schema_editor):
    PmksCategory = apps.get_model("sosial", "PmksCategory")
    for code, name in CATEGORIES:
        PmksCategory.objects.update_or_create(version=VERSION, code=code,
                                              defaults={"name": name})


def unload(apps, schema_editor):
    apps.get_model("sosial", "PmksCategory").objects.filter(version=VERSION).delete()


class Migration(migrations.Migration):
    dependencies = [("sosial", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
