"""Uploads through the CKAN API: stored in chunks with size and hash; an oversized file gets a
clear limit message and nothing is saved."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from terbuka.accounts.services import token_create
from terbuka.satudata import services
from terbuka.satudata.models import Resource


def _draft(ksb, produsen):
    return services.dataset_create(actor=produsen, pemda=ksb, name="unggah", title="Unggah",
                                   owner_org="ksb-dikes")


def test_upload_is_stored_with_size_and_hash(client, ksb, produsen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    dataset = _draft(ksb, produsen)
    key = token_create(actor=produsen, user=produsen, name="t")[1]
    content = b"kecamatan,jumlah\nTaliwang,120\n" * 1000
    r = client.post("/ksb/data/api/3/action/resource_create",
                    {"package_id": dataset.name, "name": "Tabel",
                     "upload": SimpleUploadedFile("tabel.csv", content)},
                    HTTP_AUTHORIZATION=f"Bearer {key}")
    assert r.status_code == 200, r.json()
    result = r.json()["result"]
    assert result["size"] == len(content) and result["format"] == "CSV"
    assert result["hash"] == "sha256:" + hashlib.sha256(content).hexdigest()
    assert result["url_type"] == "upload" and result["url"].startswith("http://testserver/")


def test_oversized_upload_is_refused_with_the_limit(client, ksb, produsen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SATUDATA_MAX_UPLOAD_BYTES = 1024 * 1024
    dataset = _draft(ksb, produsen)
    key = token_create(actor=produsen, user=produsen, name="t")[1]
    r = client.post("/ksb/data/api/3/action/resource_create",
                    {"package_id": dataset.name,
                     "upload": SimpleUploadedFile("besar.csv", b"x" * (2 * 1024 * 1024))},
                    HTTP_AUTHORIZATION=key)
    assert r.status_code == 409
    assert "1.0 MB" in r.json()["error"]["upload"][0]
    assert not Resource.objects.exists()
    assert not list(tmp_path.rglob("besar*"))


def test_datastore_link_name_resolves(ksb):
    assert reverse("satudata:dataset_detail", kwargs={"pemda": "ksb", "name": "x"}) == \
        "/ksb/data/dataset/x/"
