"""The walidata workflow in the services: who may move a dataset where, with which checks,
audited and notified."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core.models import AuditEvent
from terbuka.satudata import services
from terbuka.satudata.models import ReviewEvent, Status

ALL_OK = dict.fromkeys(services.CHECKLIST, True)


@pytest.fixture
def draft(ksb, produsen):
    dataset = services.dataset_create(
        actor=produsen, pemda=ksb, name="cakupan-asi", title="Cakupan ASI eksklusif",
        notes="Persentase bayi", owner_org="ksb-dikes", satuan="persen", tema="1.02",
        tahun_prioritas=2025)
    services.resource_create(actor=produsen, dataset=dataset, name="csv",
                             url="https://example.org/asi.csv")
    return dataset


def test_full_flow_with_return_and_publication(draft, produsen, walidata,
                                               django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.dataset_transition(actor=produsen, dataset=draft, to_status=Status.DIAJUKAN)
    assert mail.outbox[-1].to == ["walidata@ksb.example"]
    services.dataset_transition(actor=walidata, dataset=draft, to_status=Status.DIPERIKSA)
    with pytest.raises(ValidationError) as exc:
        services.dataset_transition(actor=walidata, dataset=draft,
                                    to_status=Status.DIKEMBALIKAN)
    assert "note" in exc.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        services.dataset_transition(actor=walidata, dataset=draft,
                                    to_status=Status.DIKEMBALIKAN,
                                    note="Satuan belum sesuai standar data")
    assert "produsen@ksb.example" in mail.outbox[-1].to
    assert "Satuan belum sesuai" in mail.outbox[-1].body
    services.dataset_transition(actor=produsen, dataset=draft, to_status=Status.DIAJUKAN)
    services.dataset_transition(actor=walidata, dataset=draft, to_status=Status.DIPERIKSA)
    with pytest.raises(ValidationError) as exc:
        services.dataset_transition(actor=walidata, dataset=draft, to_status=Status.TERBIT,
                                    checklist={"metadata": True})
    assert "checklist" in exc.value.message_dict
    services.dataset_transition(actor=walidata, dataset=draft, to_status=Status.TERBIT,
                                checklist=ALL_OK)
    draft.refresh_from_db()
    assert draft.status == Status.TERBIT and draft.is_public and draft.published_at
    steps = list(ReviewEvent.objects.filter(dataset=draft).values_list("to_status", flat=True))
    assert steps == ["diajukan", "diperiksa", "dikembalikan", "diajukan", "diperiksa", "terbit"]
    actions = set(AuditEvent.objects.filter(object_id=str(draft.pk)).values_list(
        "action", flat=True))
    assert {"satudata.dataset.diajukan", "satudata.dataset.dikembalikan",
            "satudata.dataset.terbit"} <= actions


def test_producer_cannot_publish_or_review(draft, produsen):
    services.dataset_transition(actor=produsen, dataset=draft, to_status=Status.DIAJUKAN)
    with pytest.raises(PermissionDenied):
        services.dataset_transition(actor=produsen, dataset=draft, to_status=Status.DIPERIKSA)


def test_skipping_a_step_is_refused(draft, walidata):
    with pytest.raises(ValidationError) as exc:
        services.dataset_transition(actor=walidata, dataset=draft, to_status=Status.TERBIT,
                                    checklist=ALL_OK)
    assert exc.value.error_dict["status"][0].code == "conflict"


def test_submission_needs_complete_metadata(ksb, produsen):
    bare = services.dataset_create(actor=produsen, pemda=ksb, name="tanpa-meta", title="x",
                                   owner_org="ksb-dikes")
    with pytest.raises(ValidationError) as exc:
        services.dataset_transition(actor=produsen, dataset=bare, to_status=Status.DIAJUKAN)
    assert {"notes", "satuan", "tema", "resources"} <= set(exc.value.message_dict)


def test_pembina_comments_and_producer_hears(draft, pembina, produsen,
                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.dataset_comment(actor=pembina, dataset=draft,
                                 body="Data prioritas: mohon sertakan MS-Ind.")
    assert "produsen@ksb.example" in mail.outbox[-1].to
    with pytest.raises(PermissionDenied):
        services.dataset_comment(actor=produsen, dataset=draft, body="x")


def test_producer_of_another_opd_cannot_touch(draft, ksb):
    from terbuka.core.tests.factories import make_opd, make_user

    other = make_user("lain", role="produsen_data", opd=make_opd(ksb, "Dinas Lain"))
    with pytest.raises(PermissionDenied):
        services.dataset_update(actor=other, dataset=draft, data={"title": "diubah"})
    with pytest.raises(PermissionDenied):
        services.dataset_transition(actor=other, dataset=draft, to_status=Status.DIAJUKAN)


def test_producer_cannot_create_published(ksb, produsen):
    with pytest.raises(PermissionDenied):
        services.dataset_create(actor=produsen, pemda=ksb, name="langsung", title="x",
                                owner_org="ksb-dikes", status=Status.TERBIT)
