"""Tables of the lingkungan app: bank sampah ledger, Jumat Bersih and parks, yard farming.

The bank sampah ledger follows one rule: nothing changes a balance except a recorded
transaction. A `Transaksi` is written once with its weighed lines and its double-entry
`Posting` rows; postings refuse updates and deletes. The balances kept on `Nasabah`, `Unit`
and `Stock` are caches of sums over postings and lines, written only by the ledger service
in the same database transaction, guarded by check constraints (never below zero), and
verifiable at any time (`selectors.ledger_verify`).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from terbuka.core.fields import RegionField
from terbuka.core.models import Pemda, RegionLevel

ZERO = Decimal("0")

# Money is whole rupiah; weights are kilograms to the gram.
MONEY = {"max_digits": 16, "decimal_places": 0}
WEIGHT = {"max_digits": 12, "decimal_places": 3}


# --- bank sampah -------------------------------------------------------------------------------


class UnitKind(models.TextChoices):
    SEKOLAH = "sekolah", _("School")
    DESA = "desa", _("Desa/kelurahan")
    PUBLIK = "publik", _("Public place")


class Unit(models.Model):
    """A bank sampah: where customers bring sorted waste and keep savings."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=10, choices=UnitKind.choices)
    region = RegionField(
        related_name="+", verbose_name=_("desa/kelurahan"), levels=[RegionLevel.DESA_KELURAHAN]
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    manager_name = models.CharField(_("manager"), max_length=160)
    manager_phone = models.CharField(_("manager's phone"), max_length=40, blank=True)
    founded = models.DateField(_("founded"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Cache of the cash account (sum of KAS postings); written only by the ledger service.
    cash_balance = models.DecimalField(_("cash"), default=ZERO, **MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pemda_id", "name"]
        verbose_name = _("bank sampah")
        verbose_name_plural = _("bank sampah")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "name"], name="lingkungan_unit_name"),
            models.CheckConstraint(condition=Q(cash_balance__gte=0),
                                   name="lingkungan_unit_cash_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class NasabahKind(models.TextChoices):
    PERORANGAN = "perorangan", _("Individual")
    LEMBAGA = "lembaga", _("Institution")


class Nasabah(models.Model):
    """A customer of a bank sampah with a savings account there."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="nasabah")
    number = models.CharField(_("account number"), max_length=20)
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=12, choices=NasabahKind.choices,
                            default=NasabahKind.PERORANGAN)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    joined = models.DateField(_("joined"))
    is_active = models.BooleanField(_("active"), default=True)
    # Cache of the savings account (sum of TABUNGAN postings for this customer).
    balance = models.DecimalField(_("savings balance"), default=ZERO, **MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_id", "number"]
        verbose_name = _("customer (nasabah)")
        verbose_name_plural = _("customers (nasabah)")
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="lingkungan_nasabah_number"),
            models.CheckConstraint(condition=Q(balance__gte=0),
                                   name="lingkungan_nasabah_balance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class WasteCategory(models.TextChoices):
    PLASTIK = "plastik", _("Plastic")
    KERTAS = "kertas", _("Paper and cardboard")
    LOGAM = "logam", _("Metal")
    KACA = "kaca", _("Glass")
    ORGANIK = "organik", _("Organic")
    LAINNYA = "lainnya", _("Other")


class WasteType(models.Model):
    """A kind of sorted waste a pemda's bank sampah accept (PET bottles, cardboard, cans …)."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    code = models.SlugField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=120)
    category = models.CharField(_("category"), max_length=10, choices=WasteCategory.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["pemda_id", "category", "name"]
        verbose_name = _("waste type")
        verbose_name_plural = _("waste types")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "code"], name="lingkungan_wastetype_code"),
        ]

    def __str__(self) -> str:
        return self.name


class WastePrice(models.Model):
    """What a unit pays its customers per kg of a waste type from `valid_from` on. Prices are a
    history: a deposit copies the price of its day, and a new price only ever starts after the
    last deposit it could have applied to."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="prices")
    waste_type = models.ForeignKey(WasteType, on_delete=models.PROTECT, related_name="prices")
    valid_from = models.DateField(_("valid from"))
    price_per_kg = models.DecimalField(_("price per kg"), **MONEY)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_id", "waste_type_id", "-valid_from"]
        verbose_name = _("buying price")
        verbose_name_plural = _("buying prices")
        constraints = [
            models.UniqueConstraint(fields=["unit", "waste_type", "valid_from"],
                                    name="lingkungan_price_day"),
            models.CheckConstraint(condition=Q(price_per_kg__gte=0),
                                   name="lingkungan_price_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.waste_type} {self.price_per_kg}/kg ({self.valid_from})"


class Stock(models.Model):
    """Cache of the weight of a waste type held by a unit: deposited minus sold."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="stock")
    waste_type = models.ForeignKey(WasteType, on_delete=models.PROTECT, related_name="+")
    weight_kg = models.DecimalField(_("weight (kg)"), default=ZERO, **WEIGHT)

    class Meta:
        ordering = ["unit_id", "waste_type_id"]
        verbose_name = _("stock")
        verbose_name_plural = _("stock")
        constraints = [
            models.UniqueConstraint(fields=["unit", "waste_type"], name="lingkungan_stock_type"),
            models.CheckConstraint(condition=Q(weight_kg__gte=0),
                                   name="lingkungan_stock_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.waste_type} {self.weight_kg} kg"


class TransaksiKind(models.TextChoices):
    SETORAN = "setoran", _("Deposit")
    PENARIKAN = "penarikan", _("Withdrawal")
    PENJUALAN = "penjualan", _("Sale")
    KAS_MASUK = "kas_masuk", _("Cash in")
    KAS_KELUAR = "kas_keluar", _("Cash out")


class BuyerKind(models.TextChoices):
    PENGEPUL = "pengepul", _("Collector (pengepul)")
    INDUSTRI = "industri", _("Recycler")
    BSI = "bsi", _("Bank sampah induk")
    LAINNYA = "lainnya", _("Other")


class AppendOnlyQuerySet(models.QuerySet):
    """Ledger rows are never changed or removed: a mistake is corrected by a new transaction."""

    def update(self, **kwargs):
        raise PermissionError("The bank sampah ledger is append-only.")

    def delete(self):
        raise PermissionError("The bank sampah ledger is append-only.")

    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionError("The bank sampah ledger is append-only.")


class AppendOnly(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The bank sampah ledger is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The bank sampah ledger is append-only.")


class Transaksi(AppendOnly):
    """One recorded event of a unit's books: a deposit, a withdrawal, a sale, or cash in/out."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="transaksi")
    kind = models.CharField(_("kind"), max_length=12, choices=TransaksiKind.choices)
    date = models.DateField(_("date"))
    number = models.CharField(_("number"), max_length=30)
    nasabah = models.ForeignKey(Nasabah, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="transaksi")
    buyer_name = models.CharField(_("buyer"), max_length=160, blank=True)
    buyer_kind = models.CharField(_("kind of buyer"), max_length=10, blank=True,
                                  choices=BuyerKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["unit_id", "date", "id"]
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="lingkungan_transaksi_number"),
            models.CheckConstraint(condition=Q(amount__gte=0),
                                   name="lingkungan_transaksi_amount_not_negative"),
            models.CheckConstraint(
                condition=~Q(kind__in=["setoran", "penarikan"]) | Q(nasabah__isnull=False),
                name="lingkungan_transaksi_nasabah_needed",
            ),
        ]
        indexes = [models.Index(fields=["unit", "kind", "date"], name="lingkungan_trx_unit_kind")]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()} {self.amount}"


class TransaksiLine(AppendOnly):
    """A weighed waste type in a deposit or a sale, with the price that applied."""

    transaksi = models.ForeignKey(Transaksi, on_delete=models.PROTECT, related_name="lines")
    waste_type = models.ForeignKey(WasteType, on_delete=models.PROTECT, related_name="+")
    weight_kg = models.DecimalField(_("weight (kg)"), **WEIGHT)
    price_per_kg = models.DecimalField(_("price per kg"), **MONEY)
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["transaksi_id", "id"]
        verbose_name = _("transaction line")
        verbose_name_plural = _("transaction lines")
        constraints = [
            models.CheckConstraint(condition=Q(weight_kg__gt=0),
                                   name="lingkungan_line_weight_positive"),
            models.CheckConstraint(condition=Q(price_per_kg__gte=0) & Q(amount__gte=0),
                                   name="lingkungan_line_money_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.waste_type} {self.weight_kg} kg × {self.price_per_kg}"


class Account(models.TextChoices):
    KAS = "kas", _("Cash")
    TABUNGAN = "tabungan", _("Customer savings")
    PEMBELIAN = "pembelian", _("Waste bought from customers")
    PENJUALAN = "penjualan", _("Waste sales")
    MODAL = "modal", _("Capital and grants")
    PENDAPATAN_LAIN = "pendapatan_lain", _("Other income")
    BEBAN = "beban", _("Operating expenses")


class Posting(AppendOnly):
    """A double entry: `amount` moves from the credit account to the debit account. When one
    side is TABUNGAN, `nasabah` says whose savings."""

    transaksi = models.ForeignKey(Transaksi, on_delete=models.PROTECT, related_name="postings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    debit = models.CharField(_("debit"), max_length=16, choices=Account.choices)
    credit = models.CharField(_("credit"), max_length=16, choices=Account.choices)
    nasabah = models.ForeignKey(Nasabah, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["unit_id", "date", "id"]
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0),
                                   name="lingkungan_posting_amount_positive"),
            models.CheckConstraint(condition=~Q(debit=models.F("credit")),
                                   name="lingkungan_posting_two_accounts"),
            models.CheckConstraint(
                condition=(~Q(debit="tabungan") & ~Q(credit="tabungan"))
                | Q(nasabah__isnull=False),
                name="lingkungan_posting_savings_owner",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "date"], name="lingkungan_posting_unit_date"),
            models.Index(fields=["nasabah"], name="lingkungan_posting_nasabah"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.debit}/{self.credit} {self.amount}"


class PeriodClose(models.Model):
    """A closed month of a unit's books: no transaction may be dated in it any more. The
    balances at closing are kept for the record."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="closed_periods")
    month = models.DateField(_("month"))  # the first day of the month
    closed_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    cash_balance = models.DecimalField(_("cash at closing"), **MONEY)
    savings_total = models.DecimalField(_("customer savings at closing"), **MONEY)

    class Meta:
        ordering = ["unit_id", "month"]
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="lingkungan_period_month"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%m/%Y}"


# --- Jumat Bersih and parks --------------------------------------------------------------------


class CleanupEvent(models.Model):
    """A Jumat Bersih (or other) community clean-up."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    region = RegionField(
        related_name="+", verbose_name=_("desa/kelurahan"), levels=[RegionLevel.DESA_KELURAHAN]
    )
    place = models.CharField(_("place"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    participants = models.PositiveIntegerField(_("participants"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pemda_id", "-date", "id"]
        verbose_name = _("clean-up event")
        verbose_name_plural = _("clean-up events")

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"


class CleanupWaste(models.Model):
    event = models.ForeignKey(CleanupEvent, on_delete=models.CASCADE, related_name="waste")
    category = models.CharField(_("category"), max_length=10, choices=WasteCategory.choices)
    weight_kg = models.DecimalField(_("weight (kg)"), **WEIGHT)

    class Meta:
        ordering = ["event_id", "category"]
        constraints = [
            models.UniqueConstraint(fields=["event", "category"], name="lingkungan_cleanup_cat"),
            models.CheckConstraint(condition=Q(weight_kg__gt=0),
                                   name="lingkungan_cleanup_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.weight_kg} kg"


class Park(models.Model):
    """A public park (ruang terbuka hijau publik) in the pemda's register."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=160)
    region = RegionField(
        related_name="+", verbose_name=_("desa/kelurahan"), levels=[RegionLevel.DESA_KELURAHAN]
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=12, decimal_places=2,
                                  null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pemda_id", "name"]
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        constraints = [
            models.UniqueConstraint(fields=["pemda", "name"], name="lingkungan_park_name"),
            models.CheckConstraint(condition=Q(area_m2__isnull=True) | Q(area_m2__gt=0),
                                   name="lingkungan_park_area_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class CareGroup(models.Model):
    """A community group that looks after a park (kelompok pemelihara)."""

    park = models.ForeignKey(Park, on_delete=models.CASCADE, related_name="care_groups")
    name = models.CharField(_("name"), max_length=160)
    leader = models.CharField(_("leader"), max_length=160, blank=True)
    members = models.PositiveIntegerField(_("members"), default=0)
    since = models.DateField(_("caring since"), null=True, blank=True)

    class Meta:
        ordering = ["park_id", "name"]
        verbose_name = _("care group")
        verbose_name_plural = _("care groups")
        constraints = [
            models.UniqueConstraint(fields=["park", "name"], name="lingkungan_caregroup_name"),
        ]

    def __str__(self) -> str:
        return self.name


# --- yard integrated farming (pekarangan) ------------------------------------------------------


class Household(models.Model):
    """A household taking part in yard integrated farming. The head's name is personal data:
    shown to programme staff only."""

    pemda = models.ForeignKey(Pemda, on_delete=models.CASCADE, related_name="+")
    region = RegionField(
        related_name="+", verbose_name=_("desa/kelurahan"), levels=[RegionLevel.DESA_KELURAHAN]
    )
    head_name = models.CharField(_("head of household"), max_length=160)
    members = models.PositiveSmallIntegerField(_("household members"), default=1)
    women_headed = models.BooleanField(_("women-headed household"), default=False)
    has_disability = models.BooleanField(_("member with a disability"), default=False)
    joined = models.DateField(_("joined"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pemda_id", "region_id", "head_name"]
        verbose_name = _("yard-farming household")
        verbose_name_plural = _("yard-farming households")
        constraints = [
            models.CheckConstraint(condition=Q(members__gte=1),
                                   name="lingkungan_household_members"),
        ]

    def __str__(self) -> str:
        return self.head_name


class Plot(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="plots")
    area_m2 = models.DecimalField(_("area (m²)"), max_digits=10, decimal_places=2)
    location = models.CharField(_("location"), max_length=200, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)

    class Meta:
        ordering = ["household_id", "id"]
        verbose_name = _("plot")
        verbose_name_plural = _("plots")
        constraints = [
            models.CheckConstraint(condition=Q(area_m2__gt=0), name="lingkungan_plot_area"),
        ]

    def __str__(self) -> str:
        return f"{self.area_m2} m²"


class ComponentKind(models.TextChoices):
    SAYUR = "sayur", _("Vegetables")
    KOLAM = "kolam", _("Fish pond")
    UNGGAS = "unggas", _("Poultry")
    KOMPOS = "kompos", _("Compost")
    TOGA = "toga", _("Medicinal plants")


class Component(models.Model):
    plot = models.ForeignKey(Plot, on_delete=models.CASCADE, related_name="components")
    kind = models.CharField(_("kind"), max_length=10, choices=ComponentKind.choices)
    started = models.DateField(_("started"))

    class Meta:
        ordering = ["plot_id", "kind"]
        verbose_name = _("farm component")
        verbose_name_plural = _("farm components")
        constraints = [
            models.UniqueConstraint(fields=["plot", "kind"], name="lingkungan_component_kind"),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class HarvestUnit(models.TextChoices):
    KG = "kg", _("kg")
    EKOR = "ekor", _("head (animals)")
    BUTIR = "butir", _("eggs")
    IKAT = "ikat", _("bunches")


class Planting(models.Model):
    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="plantings")
    date = models.DateField(_("date"))
    commodity = models.CharField(_("commodity"), max_length=80)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20)  # seedlings, fry, chicks, kg of seed

    class Meta:
        ordering = ["component_id", "date"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0),
                                   name="lingkungan_planting_quantity"),
        ]

    def __str__(self) -> str:
        return f"{self.commodity} {self.quantity} {self.unit}"


class Harvest(models.Model):
    """A harvest and where it went: eaten at home, sold, shared. The service checks that the
    three add up to the amount (exactly, in Decimal; SQLite would compare floats)."""

    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="harvests")
    date = models.DateField(_("date"))
    commodity = models.CharField(_("commodity"), max_length=80)
    unit = models.CharField(_("unit"), max_length=6, choices=HarvestUnit.choices,
                            default=HarvestUnit.KG)
    amount = models.DecimalField(_("amount"), **WEIGHT)
    eaten = models.DecimalField(_("eaten at home"), default=ZERO, **WEIGHT)
    sold = models.DecimalField(_("sold"), default=ZERO, **WEIGHT)
    shared = models.DecimalField(_("shared"), default=ZERO, **WEIGHT)
    sold_value = models.DecimalField(_("sales value"), default=ZERO, **MONEY)

    class Meta:
        ordering = ["component_id", "date"]
        verbose_name = _("harvest")
        verbose_name_plural = _("harvests")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(eaten__gte=0) & Q(sold__gte=0) & Q(shared__gte=0)
                & Q(sold_value__gte=0),
                name="lingkungan_harvest_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commodity} {self.amount} {self.unit}"


class ExtensionVisit(models.Model):
    """A visit by an extension worker (penyuluh) to a household."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="visits")
    date = models.DateField(_("date"))
    officer = models.CharField(_("extension worker"), max_length=160)
    topic = models.CharField(_("topic"), max_length=200)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["household_id", "-date"]
        verbose_name = _("extension visit")
        verbose_name_plural = _("extension visits")

    def __str__(self) -> str:
        return f"{self.date} {self.topic}"
