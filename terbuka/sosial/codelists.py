"""Code lists of the PMKS register, versioned.

PMKS categories: the 26 Penyandang Masalah Kesejahteraan Sosial of Peraturan Menteri Sosial
Nomor 08 Tahun 2012 tentang Pedoman Pendataan dan Pengelolaan Data PMKS dan PSKS, in the
regulation's order. A later regulation becomes a new VERSION beside this one; cases keep the
version their categories came from.

Disability types: Undang-Undang Nomor 8 Tahun 2016 tentang Penyandang Disabilitas, Pasal 4
(fisik, intelektual, mental, sensorik; ganda/multi when more than one).
"""

PMKS_VERSION = "permensos-08-2012"

PMKS_2012: tuple[tuple[str, str], ...] = (
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

# Categories about a disability: a case in one of them names the disability type.
DISABILITY_CODES = {"05", "09"}
