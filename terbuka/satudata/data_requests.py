"""Permintaan Data: the public asks for data that is missing; the walidata or the OPD answers.
Requests, their status and answers are public; the requester's name and e-mail are not."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.jobs import enqueue_on_commit
from terbuka.core.models import Pemda
from terbuka.core.policy import Target
from terbuka.satudata.models import DataRequest, Dataset, RequestStatus


def _text(value, field, limit, errors, required=True):
    value = (value or "").strip()
    if required and not value:
        errors.setdefault(field, []).append(_("This field is required."))
    elif len(value) > limit:
        errors.setdefault(field, []).append(_("At most %(n)d characters, got %(got)d.")
                                            % {"n": limit, "got": len(value)})
    return value


@transaction.atomic
def data_request_submit(*, actor, pemda: Pemda, title: str, description: str,
                        requester_name: str, requester_email: str, opd=None,
                        request=None) -> DataRequest:
    """Anyone may ask; no permission is needed."""
    errors: dict[str, list[str]] = {}
    title = _text(title, "title", 300, errors)
    description = _text(description, "description", 4000, errors)
    requester_name = _text(requester_name, "requester_name", 160, errors)
    requester_email = _text(requester_email, "requester_email", 254, errors)
    if requester_email and "requester_email" not in errors:
        try:
            EmailValidator()(requester_email)
        except ValidationError:
            errors["requester_email"] = [_("“%(value)s” is not an e-mail address.")
                                         % {"value": requester_email}]
    if opd is not None and opd.pemda_id != pemda.pk:
        errors["opd"] = [_("The OPD belongs to another pemda.")]
    if errors:
        raise ValidationError(errors)
    number = f"PD-{secrets.token_hex(4).upper()}"
    data_request = DataRequest.objects.create(
        pemda=pemda, number=number, title=title, description=description,
        requester_name=requester_name, requester_email=requester_email, opd=opd)
    audit.record(actor=actor, action="satudata.request.submit", obj=data_request, pemda=pemda,
                 changes={"title": [None, title]}, request=request)
    from terbuka.satudata import tasks

    enqueue_on_commit(tasks.notify_data_request, data_request.pk)
    return data_request


@transaction.atomic
def data_request_answer(*, actor, data_request: DataRequest, status: str, answer: str = "",
                        dataset: Dataset | None = None, request=None) -> DataRequest:
    policy.require(actor, "satudata.request.answer",
                   Target(pemda_id=data_request.pemda_id, opd_id=data_request.opd_id)) \
        if actor is not None else None
    if status not in RequestStatus.values:
        raise ValidationError({"status": [_("“%(value)s” is not one of: %(allowed)s.")
                                          % {"value": status,
                                             "allowed": ", ".join(RequestStatus.values)}]})
    answer = (answer or "").strip()
    if status in (RequestStatus.DITOLAK, RequestStatus.TERSEDIA) and not answer:
        raise ValidationError({"answer": [_("Give the answer the requester will read.")]})
    if dataset is not None and dataset.pemda_id != data_request.pemda_id:
        raise ValidationError({"dataset": [_("The dataset belongs to another pemda.")]})
    before = {"status": data_request.status, "answer": data_request.answer}
    data_request.status, data_request.answer = status, answer[:4000]
    data_request.dataset = dataset
    data_request.save()
    audit.record(actor=actor, action="satudata.request.answer", obj=data_request,
                 changes=audit.diff(before, {"status": status, "answer": answer}),
                 request=request)
    from terbuka.satudata import tasks

    enqueue_on_commit(tasks.notify_data_request, data_request.pk)
    return data_request
