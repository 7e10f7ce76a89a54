"""Every write of the lingkungan app (see the modules for the rules each one keeps)."""

from terbuka.lingkungan.services.banksampah import (  # noqa: F401
    cash_record,
    deposit_record,
    nasabah_create,
    period_close,
    price_on,
    price_set,
    sale_record,
    unit_create,
    waste_type_create,
    withdrawal_record,
)
from terbuka.lingkungan.services.kebersihan import (  # noqa: F401
    care_group_add,
    cleanup_record,
    park_create,
)
from terbuka.lingkungan.services.pekarangan import (  # noqa: F401
    component_add,
    harvest_record,
    household_register,
    planting_record,
    plot_add,
    visit_record,
)
from terbuka.lingkungan.services.publishing import tables_publish  # noqa: F401
