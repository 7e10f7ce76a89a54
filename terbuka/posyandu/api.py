"""The posyandu app's part of /api/v1/: the kader app's register download and batch upload,
and SKDN aggregates. Views parse, call one selector or service, and shape the answer."""

import datetime
import uuid
from typing import Any, Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from pydantic import ConfigDict

from terbuka.api.errors import ERRORS_READ, ERRORS_WRITE
from terbuka.posyandu import selectors, sync
from terbuka.posyandu.models import Posyandu

router = Router(tags=["posyandu"])


class ChildIn(Schema):
    model_config = ConfigDict(extra="forbid")
    uuid: uuid.UUID
    name: str = Field(max_length=120)
    birth_date: str = Field(max_length=10)
    sex: str = Field(max_length=1)
    mother_name: str = Field("", max_length=120)
    nik: str = Field("", max_length=30)


class SessionIn(Schema):
    model_config = ConfigDict(extra="forbid")
    uuid: uuid.UUID
    held_on: str = Field(max_length=10)
    table5_counselling: str = Field("", max_length=2000)


class MeasurementIn(Schema):
    model_config = ConfigDict(extra="forbid")
    uuid: uuid.UUID
    session: uuid.UUID
    child: uuid.UUID
    base_version: int | None = None
    confirm_unusual: bool = False
    measured_on: str = Field(max_length=10)
    weight_kg: float | str | None = None
    length_cm: float | str | None = None
    position: Literal["", "l", "h"] = ""
    head_cm: float | str | None = None
    muac_cm: float | str | None = None
    oedema: bool = False
    vitamin_a: bool = False
    immunisations: list[str] = Field(default_factory=list, max_length=20)
    asi_eksklusif: bool | None = None
    pmt: bool = False
    counselling: str = Field("", max_length=2000)


class SyncIn(Schema):
    model_config = ConfigDict(extra="forbid")
    children: list[ChildIn] = Field(default_factory=list, max_length=500)
    sessions: list[SessionIn] = Field(default_factory=list, max_length=10)
    measurements: list[MeasurementIn] = Field(default_factory=list, max_length=500)


class ItemResult(Schema):
    uuid: str | None
    status: Literal["ok", "conflict", "error"]
    message: str = ""
    fields: dict[str, list[str]] = Field(default_factory=dict)
    implausible: bool = False
    server: dict[str, Any] | None = None
    session: str | None = None
    merged: bool | None = None


class SyncOut(Schema):
    children: list[ItemResult]
    sessions: list[ItemResult]
    measurements: list[ItemResult]


class RegisterOut(Schema):
    posyandu: dict[str, Any]
    children: list[dict[str, Any]]
    server_date: datetime.date


class SkdnRow(Schema):
    key: str
    name: str
    counts: dict[str, int]
    d_s: float | None
    n_d: float | None
    stunting: float | None
    stunting_low: float | None
    stunting_high: float | None


def _posyandu(posyandu_id: int) -> Posyandu:
    return get_object_or_404(Posyandu.objects.select_related("place", "pemda"), pk=posyandu_id)


@router.get("/posyandu/{posyandu_id}/register", response={200: RegisterOut, **ERRORS_READ})
def register(request, posyandu_id: int):
    """The register for the kader app (children under five and their last measurements).
    Logged as a read of personal data."""
    posyandu = _posyandu(posyandu_id)
    data = selectors.register(actor=request.auth, posyandu=posyandu, request=request)
    children = []
    for c in data["children"]:
        history = [sync.measurement_out(m) for m in data["history"].get(c.pk, [])]
        children.append({"uuid": str(c.uuid), "name": c.name, "sex": c.sex,
                         "birth_date": c.birth_date.isoformat(), "mother_name": c.mother_name,
                         "measurements": history})
    return {"posyandu": {"id": posyandu.pk, "name": posyandu.place.name,
                         "desa_code": posyandu.desa_code},
            "children": children, "server_date": datetime.date.today()}


@router.post("/posyandu/{posyandu_id}/sync", response={200: SyncOut, **ERRORS_WRITE})
def sync_batch(request, posyandu_id: int, payload: SyncIn):
    """Apply a session recorded offline; each item is answered (ok, conflict, error)."""
    posyandu = _posyandu(posyandu_id)
    body = payload.model_dump()
    return sync.sync_apply(actor=request.auth, posyandu=posyandu, children=body["children"],
                           sessions=body["sessions"], measurements=body["measurements"],
                           request=request)


@router.get("/pemda/{slug}/posyandu/skdn", response={200: list[SkdnRow], **ERRORS_READ})
def skdn_by_region(request, slug: str, month: datetime.date, level: str = "kabupaten",
                   within: str | None = None):
    """SKDN counts and prevalences per region for a month (aggregates only)."""
    from django.core.exceptions import PermissionDenied

    from terbuka.api.errors import not_found
    from terbuka.core import selectors as core_selectors

    pemda = core_selectors.pemda_by_slug(slug)
    if pemda is None:
        raise not_found()
    if not selectors.report_allowed(request.auth, pemda, within):
        raise PermissionDenied
    if level not in selectors.LEVELS:
        from django.core.exceptions import ValidationError

        raise ValidationError({"level": [f"One of {', '.join(selectors.LEVELS)}."]})
    rows = selectors.skdn_table(pemda=pemda, month=month, level=level, within=within)
    return [{"key": str(r["key"]), "name": r["name"], "counts": r["counts"],
             "d_s": r["report"].d_s.value, "n_d": r["report"].n_d.value,
             "stunting": r["report"].stunting.value, "stunting_low": r["report"].stunting.low,
             "stunting_high": r["report"].stunting.high} for r in rows]
