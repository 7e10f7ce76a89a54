"""What the datastore offers the platform: its module entry, protected actions, CKAN actions
and the publish sink of core.publishing."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import policy, publishing, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope


def _demo(pemda, stdout) -> None:
    from terbuka.datastore.demo import load_demo

    load_demo(pemda, stdout)


registry.register(
    registry.Module(
        name="datastore",
        label=_("Satu Data datastore"),
        demo_loader=_demo,
        menu=(
            registry.MenuItem(label=_("Data quality"), url_name="datastore:quality",
                              permission="datastore.quality.view", staff=True, order=45),
        ),
    )
)

policy.define("datastore.table.upload", _("Upload a data table to a resource"), {
    Role.PRODUSEN_DATA: Scope.OPD, Role.WALIDATA: Scope.PEMDA, Role.ADMIN_PEMDA: Scope.PEMDA,
})
policy.define("datastore.table.view_private", _("See data tables that are not public"), {
    Role.PRODUSEN_DATA: Scope.OPD, Role.WALIDATA: Scope.PEMDA, Role.ADMIN_PEMDA: Scope.PEMDA,
    Role.PEMBINA_DATA: Scope.PEMDA,
})
policy.define("datastore.quality.view", _("See the quality worklist of every dataset"), {
    Role.WALIDATA: Scope.PEMDA, Role.ADMIN_PEMDA: Scope.PEMDA, Role.PEMBINA_DATA: Scope.PEMDA,
})


def _register_ckan_actions() -> None:
    from terbuka.datastore import ckan_actions
    from terbuka.satudata.ckan.registry import register_action

    register_action("datastore_search", ckan_actions.datastore_search, side_effect_free=True)
    register_action("datastore_search_sql", ckan_actions.datastore_search_sql,
                    side_effect_free=True)
    register_action("datastore_info", ckan_actions.datastore_info, side_effect_free=True)


def _register_sink() -> None:
    from terbuka.datastore.sink import publish_table

    publishing.register_sink("satudata", publish_table)


_register_ckan_actions()
_register_sink()
