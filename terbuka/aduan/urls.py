"""Pages of the aduan app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path  # noqa: F401

app_name = "aduan"

urlpatterns: list = []
