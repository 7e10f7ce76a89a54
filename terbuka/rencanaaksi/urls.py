"""Pages of the rencanaaksi app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path  # noqa: F401

app_name = "rencanaaksi"

urlpatterns: list = []
