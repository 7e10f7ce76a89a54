"""What the satudata module offers the platform: its module entry and protected actions."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import policy, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope
from terbuka.satudata.ckan import actions as _ckan_actions  # noqa: F401  (registers them)


def _load_demo(pemda, stdout):
    from terbuka.satudata.demo import load_demo

    return load_demo(pemda, stdout)


registry.register(
    registry.Module(
        name="satudata",
        label=_("Open data portal (Satu Data)"),
        menu=(
            registry.MenuItem(_("Open data"), "satudata:portal_home", order=20),
            registry.MenuItem(_("Data desk"), "satudata:desk", staff=True, order=20,
                              permission="satudata.dataset.view_private"),
        ),
        demo_loader=_load_demo,
    )
)

_PRODUCER = {Role.PRODUSEN_DATA: Scope.OPD, Role.WALIDATA: Scope.PEMDA}
policy.define("satudata.dataset.create", _("create a dataset"), _PRODUCER)
policy.define("satudata.dataset.update", _("change a dataset's metadata and resources"),
              _PRODUCER)
policy.define("satudata.dataset.submit", _("submit a dataset to the walidata"), _PRODUCER)
policy.define("satudata.dataset.review", _("review, return and publish datasets"),
              {Role.WALIDATA: Scope.PEMDA})
policy.define("satudata.dataset.delete", _("delete a dataset"), {Role.WALIDATA: Scope.PEMDA})
policy.define("satudata.dataset.comment", _("comment on a dataset as pembina or walidata"),
              {Role.PEMBINA_DATA: Scope.PEMDA, Role.WALIDATA: Scope.PEMDA})
policy.define(
    "satudata.dataset.view_private", _("see datasets that are not public"),
    {Role.PRODUSEN_DATA: Scope.OPD, Role.WALIDATA: Scope.PEMDA,
     Role.PEMBINA_DATA: Scope.PEMDA, Role.ADMIN_PEMDA: Scope.PEMDA},
)
policy.define("satudata.catalog.manage",
              _("manage groups, code lists, harvesting and bulk import"),
              {Role.WALIDATA: Scope.PEMDA})
policy.define("satudata.request.answer", _("answer public data requests"),
              {Role.WALIDATA: Scope.PEMDA, Role.PRODUSEN_DATA: Scope.OPD})
policy.define("satudata.forum.manage", _("record Forum Satu Data meetings"),
              {Role.WALIDATA: Scope.PEMDA})
