"""Static files are collected and served by the application itself in production (WhiteNoise),
with hashed names, so no separate web server is needed."""

import re

from django.core.management import call_command
from django.test import Client, override_settings

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_then_the_app_serves_the_hashed_stylesheet(tmp_path, db):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STATIC, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()
        html = client.get("/").content.decode()
        href = re.search(r'href="(/static/terbuka/terbuka\.[0-9a-f]{12}\.css)"', html).group(1)
        response = client.get(href)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"/* Terbuka")
        assert "max-age" in response["Cache-Control"]
        assert client.get("/static/terbuka/tidak-ada.css").status_code == 404
