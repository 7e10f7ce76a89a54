"""Pages of the satudata app. Paths are complete (per-pemda ones start with <slug:pemda>/).

The CKAN Action API answers at the installation root (all pemda) and under each pemda's portal,
whose CKAN "site URL" is /<pemda>/data (see docs/satudata.md).
"""

from django.urls import path, re_path

from terbuka.satudata import views
from terbuka.satudata.ckan import dispatch

app_name = "satudata"

ACTION = r"(?P<name>[a-z_]{1,60})"

urlpatterns = [
    re_path(rf"^api/(?:3/)?action/{ACTION}$", dispatch.action_view, name="ckan_action"),
    re_path(rf"^(?P<pemda>[-a-zA-Z0-9_]+)/data/api/(?:3/)?action/{ACTION}$",
            dispatch.action_view, name="ckan_action_pemda"),
    path("<slug:pemda>/data/", views.portal_home, name="portal_home"),
    path("<slug:pemda>/data/meja/", views.desk, name="desk"),
]
