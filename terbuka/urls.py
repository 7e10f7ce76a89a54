from django.contrib import admin
from django.urls import include, path

from terbuka.api import api

MODULE_APPS = (
    "satudata", "datastore", "aduan", "saluran", "ikm", "posyandu", "rencanaaksi",
    "gotongroyong", "sosial", "lingkungan", "layanan",
)

urlpatterns = [
    path("", include("terbuka.ops.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("akun/", include("terbuka.accounts.urls")),
    # Module pages come before core's catch-all "<pemda>/" patterns.
    *[path("", include(f"terbuka.{app}.urls")) for app in MODULE_APPS],
    path("", include("terbuka.core.urls")),
]
