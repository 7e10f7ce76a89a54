"""Pages of the posyandu app. Paths are complete (per-pemda ones start with <slug:pemda>/)."""

from django.urls import path  # noqa: F401

app_name = "posyandu"

urlpatterns: list = []
