"""Core's own protected actions and menu entries, declared the way any module declares its own."""

from django.utils.translation import gettext_lazy as _

from terbuka.core import policy, registry
from terbuka.core.models import Role
from terbuka.core.policy import Scope

ADMIN = {Role.ADMIN_PEMDA: Scope.PEMDA}

policy.define("core.pemda.update", _("edit the regional government's profile"), ADMIN)
policy.define("core.opd.create", _("add an OPD"), ADMIN)
policy.define("core.opd.update", _("edit an OPD"), ADMIN)
policy.define("core.place.create", _("add a place"), ADMIN)
policy.define("core.role.grant", _("grant or revoke roles"), ADMIN)
policy.define(
    "core.audit.view",
    _("browse the audit log"),
    {Role.ADMIN_PEMDA: Scope.PEMDA, Role.INSPEKTORAT: Scope.PEMDA},
)

registry.register(
    registry.Module(
        name="core",
        label=_("Platform"),
        always_on=True,
        menu=(
            registry.MenuItem(_("Home"), "core:pemda_home", order=0),
            registry.MenuItem(_("Regional work units"), "core:opd_list", order=90),
            registry.MenuItem(
                _("Audit log"), "core:audit_log", permission="core.audit.view", staff=True,
                order=900,
            ),
        ),
    )
)
