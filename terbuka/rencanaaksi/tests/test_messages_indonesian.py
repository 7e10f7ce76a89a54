"""Refusals reach people in Bahasa Indonesia, the default language."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from terbuka.rencanaaksi.tests.conftest import add_commitment


def test_thirteenth_commitment_is_refused_in_indonesian(consortium, ntb):
    for i in range(12):
        add_commitment(consortium, ntb, title=f"K{i}")
    with translation.override("id"), pytest.raises(ValidationError) as exc:
        add_commitment(consortium, ntb, title="K13")
    assert exc.value.message_dict["title"] == [
        "Rencana konsorsium paling banyak memuat 12 komitmen; rencana ini sudah memiliki 12."]


def test_consultation_page_in_indonesian(client, consortium):
    page = client.get(f"/ntb/rencana-aksi/{consortium.slug}/uji-publik/").content.decode()
    assert "Rancangan belum dipublikasikan untuk uji publik." in page
