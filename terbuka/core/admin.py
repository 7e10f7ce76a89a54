"""Django admin for platform operators. Regions and the audit log are read-only here: regions
come from `terbuka load_regions`, and the audit log is append-only for everyone."""

from django.contrib import admin
from django.db import models

from terbuka.core import audit
from terbuka.core.models import (
    AuditEvent,
    Opd,
    Pemda,
    Place,
    Region,
    RoleAssignment,
    UnitLayanan,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _pemda_of(obj):
    if isinstance(obj, Pemda):
        return obj
    if isinstance(obj, UnitLayanan):
        return obj.opd.pemda
    return getattr(obj, "pemda", None)


class AuditedAdmin(admin.ModelAdmin):
    """Admin writes bypass the services, so they are recorded here; the operator's edits
    land in the same audit log as everyone else's. Region fields are listed as raw-id fields
    so the admin keeps RegionField's code box instead of wrapping it in a related-object
    widget."""

    raw_id_fields: tuple[str, ...] = ()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        names = form.changed_data
        before = {name: form.initial.get(name) for name in names} if change else {}
        audit.record(
            actor=request.user, obj=obj, pemda=_pemda_of(obj), request=request, via="admin",
            action=f"admin.{obj._meta.model_name}.{'update' if change else 'create'}",
            changes=audit.diff(before, {name: form.cleaned_data.get(name) for name in names}),
        )

    def delete_model(self, request, obj):
        pemda, label = _pemda_of(obj), str(obj)
        audit.record(actor=request.user, obj=obj, pemda=pemda, request=request, via="admin",
                     action=f"admin.{obj._meta.model_name}.delete",
                     changes={"deleted": [label, None]})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "level", "parent_id")
    list_filter = ("level",)
    search_fields = ("=code", "name")
    # 91,599 rows: no exact count on every page, and no select over the whole list.
    show_full_result_count = False
    list_per_page = 100


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("at", "actor_label", "action", "object_type", "object_repr", "pemda",
                    "is_read", "via", "ip_address")
    list_filter = ("is_read", "via", "pemda")
    search_fields = ("actor_label", "action", "object_type", "=object_id", "object_repr")
    date_hierarchy = "at"
    list_select_related = ("pemda",)
    show_full_result_count = False


class OpdInline(admin.TabularInline):
    model = Opd
    fields = ("name", "acronym", "kind", "is_active")
    extra = 0
    show_change_link = True


@admin.register(Pemda)
class PemdaAdmin(AuditedAdmin):
    list_display = ("name", "slug", "kind", "region", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "slug", "=region__code")
    list_select_related = ("region",)
    raw_id_fields = ("region",)
    # Say the scheme a bare "pemda.go.id" gets, as Django 6 will; this also silences Django
    # 5.2's warning about the coming change.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Opd)
class OpdAdmin(AuditedAdmin):
    list_display = ("name", "acronym", "kind", "pemda", "parent", "is_active")
    list_filter = ("pemda", "kind", "is_active")
    search_fields = ("name", "acronym", "urusan")
    list_select_related = ("pemda", "parent")
    raw_id_fields = ("parent", "region")


@admin.register(UnitLayanan)
class UnitLayananAdmin(AuditedAdmin):
    list_display = ("name", "opd", "region", "phone", "is_active")
    list_filter = ("opd__pemda", "is_active")
    search_fields = ("name", "opd__name", "opd__acronym", "address")
    list_select_related = ("opd", "region")
    raw_id_fields = ("opd", "region")


@admin.register(Place)
class PlaceAdmin(AuditedAdmin):
    list_display = ("name", "kind", "region", "pemda", "parent", "code", "is_active")
    list_filter = ("pemda", "kind", "is_active")
    search_fields = ("name", "code", "=region__code", "region__name")
    list_select_related = ("region", "pemda", "parent")
    raw_id_fields = ("parent", "region")


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    list_display = ("user", "role", "pemda", "opd", "region", "place", "is_active",
                    "granted_at", "granted_by")
    list_filter = ("role", "pemda", "is_active")
    search_fields = ("user__username", "user__full_name", "opd__name", "=region__code")
    list_select_related = ("user", "pemda", "opd", "region", "place", "granted_by")
    raw_id_fields = ("user", "opd", "place", "granted_by", "region")
