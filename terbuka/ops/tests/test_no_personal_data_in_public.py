"""Public pages and public API answers never show personal data (UU 27/2022): no NIK, no phone
number, no reporter's name of an anonymous or confidential complaint, no child's name or
measurement, no person from the PMKS register. Sentinel records are written through each
module's own services; then every page a visitor can reach from the pemda's home, and every
public GET of the API, is read and searched for them."""

import datetime
import re
from urllib.parse import urljoin, urlparse

import pytest
from django.test import Client

from terbuka.core.models import PlaceKind
from terbuka.core.tests.factories import first_desa, make_opd, make_pemda, make_place

pytestmark = pytest.mark.django_db

NIK_CHILD = "5207015503250001"  # a girl born 15-03-2025 in Kecamatan Jereweh (+40 on the day)
NIK_PMKS = "5207011201800003"
PHONE = "081298765432"
SECRETS = ["Sentinel Pelapor", "Sentinel Rahasia", "Sentinel Balita", "Sentinel Ibu",
           "Sentinel Pmks", NIK_CHILD, NIK_PMKS, PHONE, "6281298765432", "sentinel@example.org",
           "Pungutan liar"]  # the title of a confidential report: the report is never public
# Anything that looks like a NIK (16 digits) or an Indonesian mobile number.
PATTERNS = [re.compile(r"(?<!\d)\d{16}(?!\d)"), re.compile(r"(?<!\d)(?:\+?62|0)8\d{8,11}(?!\d)")]


def _seed(pemda):
    from terbuka.aduan import services as aduan
    from terbuka.posyandu import services as posyandu
    from terbuka.sosial import services as sosial

    desa = first_desa(pemda.region_id)
    aduan.complaint_submit(
        actor=None, pemda=pemda, kind="layanan", category=None, title="Jalan rusak",
        body="Jalan desa rusak berat sejak bulan lalu.", channel="web", region_code=desa,
        reporter_name="Sentinel Pelapor", reporter_contact=PHONE, anonymous=True)
    aduan.complaint_submit(
        actor=None, pemda=pemda, kind="pelanggaran", category=None, title="Pungutan liar",
        body="Ada pungutan di kantor desa.", channel="web", region_code=desa,
        reporter_name="Sentinel Rahasia", reporter_contact="sentinel@example.org",
        confidential=True)
    place = make_place(pemda, "Posyandu Mawar", kind=PlaceKind.POSYANDU, region_code=desa)
    pos = posyandu.posyandu_create(actor=None, place=place)
    posyandu.person_register(actor=None, posyandu=pos, name="Sentinel Balita",
                             birth_date=datetime.date(2025, 3, 15), sex="P", nik=NIK_CHILD,
                             mother_name="Sentinel Ibu")
    sosial.person_register(actor=None, pemda=pemda, name="Sentinel Pmks", sex="L", desa=desa,
                           nik=NIK_PMKS, birth_date=datetime.date(1980, 1, 12))


def _public_api_paths(client, slug):
    spec = client.get("/api/v1/openapi.json").json()
    for path, operations in spec["paths"].items():
        get = operations.get("get")
        if not get or get.get("security"):
            continue
        params = set(re.findall(r"{(\w+)}", path))
        if params <= {"slug", "pemda"}:
            yield path.replace("{slug}", slug).replace("{pemda}", slug)


def _leaks(text):
    found = [s for s in SECRETS if s.lower() in text.lower()]
    found += [m.group(0) for p in PATTERNS for m in p.finditer(text)]
    return found


def test_nothing_personal_on_public_pages_or_api():
    pemda = make_pemda("ksb", "52.07")
    make_opd(pemda, "Dinas Kesehatan", acronym="Dinkes")
    _seed(pemda)
    client = Client()
    leaks, seen, queue = {}, set(), ["/ksb/"]
    shown_public_parts = set()
    while queue and len(seen) < 200:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        text = response.content.decode()
        if found := _leaks(text):
            leaks[url] = found
        # The public parts of the sentinel records are shown somewhere: the crawl reached them.
        shown_public_parts |= {p for p in ("Jalan rusak", "Posyandu Mawar") if p in text}
        for href in re.findall(r'href="([^"#]+)', text):
            target = urljoin(url, href.replace("&amp;", "&"))
            parsed = urlparse(target)
            if (not parsed.netloc and parsed.path.startswith("/ksb/")
                    and not parsed.path.startswith("/ksb/akun")):
                queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
    assert len(seen) > 20, f"only {len(seen)} public pages found: {sorted(seen)}"
    assert shown_public_parts == {"Jalan rusak", "Posyandu Mawar"}
    api = list(_public_api_paths(client, "ksb"))
    assert len(api) > 5
    for path in api:
        response = client.get(path)
        if found := _leaks(response.content.decode()):
            leaks[path] = found
    assert leaks == {}
