"""Demo data: a real table per pemda (its kecamatan and how many desa/kelurahan each has, from
the Kemendagri region list) loaded into the datastore, so the preview, chart and CKAN API have
something true to show."""

from __future__ import annotations

from django.db.models import Count

from terbuka.core.models import Region, RegionLevel


def load_demo(pemda, stdout) -> None:
    from terbuka.datastore import services
    from terbuka.satudata import services as catalog

    level = (RegionLevel.KECAMATAN if pemda.region.level == RegionLevel.KABUPATEN_KOTA
             else RegionLevel.KABUPATEN_KOTA)
    parent_field = "kecamatan_code" if level == RegionLevel.KECAMATAN else "kabupaten_code"
    units = list(Region.objects.filter(code__startswith=pemda.region_id + ".", level=level)
                 .order_by("code").values_list("code", "name"))
    if not units:
        return
    counts = dict(Region.objects.filter(code__startswith=pemda.region_id + ".",
                                        level=RegionLevel.DESA_KELURAHAN)
                  .values_list(parent_field).annotate(n=Count("code")).values_list(
                      parent_field, "n"))
    name = f"{pemda.slug}-wilayah-administrasi"
    dataset = catalog.dataset_upsert_system(
        pemda=pemda, name=name, title=f"Wilayah administrasi {pemda.short_name}",
        notes=("Daftar wilayah di bawah pemerintah daerah ini beserta jumlah desa/kelurahan "
               "per wilayah, menurut kode wilayah Kemendagri yang dimuat Terbuka."),
        tags=["wilayah"],
        resources=[{"name": "Jumlah desa per wilayah", "format": "CSV",
                    "url": "https://kodewilayah.id/"}],
        frekuensi="tahunan")
    resource = dataset.resources.get(name="Jumlah desa per wilayah")
    table = getattr(resource, "datastore_table", None)
    if table is not None and table.live_id:
        stdout.write(f"  datastore: {name} already loaded\n")
        return
    kind = "wilayah.kecamatan" if level == RegionLevel.KECAMATAN else "wilayah.kabupaten"
    schema = {"fields": [
        {"name": "kode_wilayah", "type": "string", "title": "Kode wilayah",
         "kodeReferensi": kind, "constraints": {"required": True}},
        {"name": "nama_wilayah", "type": "string", "title": "Nama wilayah"},
        {"name": "jumlah_desa", "type": "integer", "title": "Jumlah desa/kelurahan"}],
        "primaryKey": ["kode_wilayah"]}
    rows = [{"kode_wilayah": code, "nama_wilayah": label, "jumlah_desa": counts.get(code, 0)}
            for code, label in units]
    version = services.table_publish_rows(resource=resource, schema=schema, rows=rows,
                                          note="demo")
    stdout.write(f"  datastore: {name} v{version.number} {version.status}, "
                 f"{version.row_count} rows\n")
