"""Demo data for aduan: categories with routing rules per pemda (complaints come later)."""

from __future__ import annotations

from terbuka.core.models import Opd

from .models import Category, DeadlineSettings, RoutingRule

# (slug, name, OPD acronyms tried in order for the default route)
CATEGORIES = (
    ("kesehatan", "Kesehatan", ("Dinkes",)),
    ("pendidikan", "Pendidikan", ("Dikbud", "Disdikbud", "Disdik", "Dinas Pendidikan")),
    ("infrastruktur", "Infrastruktur jalan dan jembatan", ("DPUPR", "Dinas PUPR", "PUPR")),
    ("air-bersih", "Air bersih dan sanitasi", ("DPUPR", "Dinas PUPR", "PUPR", "Perkim")),
    ("kependudukan", "Administrasi kependudukan", ("Disdukcapil", "Dukcapil")),
    ("sosial", "Bantuan sosial", ("Dinsos", "Dinas Sosial")),
    ("bencana", "Kebencanaan", ("BPBD",)),
    ("lingkungan", "Lingkungan hidup dan sampah", ("DLH", "Dinas LH")),
    ("perizinan", "Perizinan dan investasi", ("DPMPTSP",)),
    ("lainnya", "Lainnya", ()),
)


def _opd(pemda, acronyms):
    for acronym in acronyms:
        opd = Opd.objects.filter(pemda=pemda, acronym__iexact=acronym).first()
        if opd is not None:
            return opd
    return None


def ensure_categories(pemda) -> list[Category]:
    DeadlineSettings.objects.get_or_create(pemda=pemda)
    out = []
    for slug, name, acronyms in CATEGORIES:
        opd = _opd(pemda, acronyms)
        category, _ = Category.objects.get_or_create(
            pemda=pemda, slug=slug, defaults={"name": name, "default_opd": opd},
        )
        if opd is not None:
            RoutingRule.objects.get_or_create(pemda=pemda, category=category, region_code="",
                                              opd=opd)
        out.append(category)
    return out


def load(pemda, stdout) -> None:
    categories = ensure_categories(pemda)
    stdout.write(f"aduan: {len(categories)} categories for {pemda.short_name}\n")
