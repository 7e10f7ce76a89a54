"""Pages of the satudata app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path  # noqa: F401

app_name = "satudata"

urlpatterns: list = []
