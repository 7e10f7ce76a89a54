import pytest
from django.core.exceptions import ValidationError

from terbuka.core.models import AuditEvent
from terbuka.core.tests.factories import make_opd, make_pemda
from terbuka.satudata import services
from terbuka.satudata.models import Dataset, DatasetRevision, Status


def test_creates_a_published_dataset_with_resources(ksb, dikes):
    dataset = services.dataset_upsert_system(
        pemda=ksb, name="ksb-posyandu-skdn", title="SKDN posyandu", notes="Agregat bulanan",
        opd=dikes, tags=["kesehatan", "Posyandu"], extras={"module": "posyandu"},
        resources=[{"name": "data", "url": "https://example.org/skdn.csv",
                    "datastore_active": True}],
        tema="kesehatan", frekuensi="bulanan",
    )
    assert dataset.status == Status.TERBIT and dataset.is_public
    assert dataset.owner_org == dikes
    assert sorted(dataset.tags.values_list("name", flat=True)) == ["kesehatan", "posyandu"]
    (res,) = dataset.resources.all()
    assert res.format == "CSV" and res.datastore_active
    assert AuditEvent.objects.filter(action="satudata.dataset.create",
                                     object_id=str(dataset.pk)).exists()


def test_second_call_updates_in_place_and_keeps_history(ksb):
    first = services.dataset_upsert_system(
        pemda=ksb, name="ksb-ikm", title="IKM", notes="v1",
        resources=[{"name": "data", "url": "https://example.org/a.csv"}])
    second = services.dataset_upsert_system(
        pemda=ksb, name="ksb-ikm", title="IKM 2025", notes="v2",
        resources=[{"name": "data", "url": "https://example.org/b.csv"},
                   {"name": "ringkasan", "url": "https://example.org/c.json"}])
    assert first.pk == second.pk
    assert Dataset.objects.count() == 1
    assert second.title == "IKM 2025"
    assert sorted(second.resources.values_list("url", flat=True)) == [
        "https://example.org/b.csv", "https://example.org/c.json"]
    revisions = DatasetRevision.objects.filter(dataset=second)
    assert revisions.count() == 2
    assert revisions.first().changes["title"] == ["IKM", "IKM 2025"]


def test_name_of_another_pemda_is_refused(ksb):
    other = make_pemda("banggai", "72.01")
    services.dataset_upsert_system(pemda=other, name="shared-name", title="x", notes="")
    with pytest.raises(ValidationError) as exc:
        services.dataset_upsert_system(pemda=ksb, name="shared-name", title="y", notes="")
    assert exc.value.error_dict["name"][0].code == "unique"


def test_opd_of_another_pemda_is_refused(ksb):
    other = make_pemda("banggai", "72.01")
    foreign = make_opd(other, "Dinas Luar")
    with pytest.raises(ValidationError):
        services.dataset_upsert_system(pemda=ksb, name="x-1", title="x", notes="", opd=foreign)
    assert not Dataset.objects.exists()
