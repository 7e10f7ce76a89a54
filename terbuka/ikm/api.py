"""The ikm app's part of /api/v1/: public results, the public questionnaire, periods."""

import datetime
import re

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from terbuka.api import errors
from terbuka.api.errors import ERRORS_READ, ERRORS_WRITE
from terbuka.api.params import ObjectId, Text
from terbuka.core import selectors as core_selectors
from terbuka.core.models import UnitLayanan
from terbuka.ikm import formula, selectors, services
from terbuka.ikm.formula import ELEMENTS

router = Router(tags=["ikm"])
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,40}")


class ResultOut(Schema):
    respondents: int
    nrr: dict[str, float] = Field(description="Average answer per element, 1–4")
    index: float = Field(description="Σ NRR × 1/9, 1–4")
    ikm: float = Field(description="The index × 25, 25–100, two decimals")
    grade: str = Field(description="Mutu pelayanan: A, B, C or D")
    performance: str = Field(description="sangat_baik, baik, kurang_baik or tidak_baik")


class UnitOut(Schema):
    id: int
    name: str
    opd_id: int
    opd: str
    period: str
    result: ResultOut | None


class PeriodOut(Schema):
    id: int
    name: str
    start: datetime.date
    end: datetime.date
    population: int | None
    required_sample: int | None
    result: ResultOut | None


class QuarterOut(Schema):
    quarter: str
    result: ResultOut | None


class UnitDetailOut(UnitOut):
    periods: list[PeriodOut]
    quarters: list[QuarterOut]


class ResponseIn(Schema):
    model_config = ConfigDict(extra="forbid")
    persyaratan: int
    prosedur: int
    waktu: int
    biaya: int
    produk: int
    kompetensi: int
    perilaku: int
    pengaduan: int
    sarana: int
    age: int
    sex: str = Field(description="L or P")
    education: str = Field(description="sd, smp, sma, d3, s1, s2 or s3")
    occupation: str = Field(description="pns, tni_polri, swasta, wirausaha, pelajar or lainnya")
    service: Text = ""
    suggestion: Text = ""
    ref: Text = Field("", description="The case number of the invitation, if any")


class ResponseOut(Schema):
    id: int
    unit_id: int
    submitted_on: datetime.date


class PeriodIn(Schema):
    model_config = ConfigDict(extra="forbid")
    name: Text
    start: datetime.date
    end: datetime.date
    population: int | None = None


def _result(result: formula.Result | None) -> dict | None:
    if result is None:
        return None
    return {
        "respondents": result.respondents,
        "nrr": {e: float(formula.two_decimals(result.nrr[e])) for e in ELEMENTS},
        "index": float(formula.two_decimals(result.index * 100)) / 100,
        "ikm": float(result.score), "grade": result.grade, "performance": result.performance,
    }


def _pemda(slug: str):
    pemda = core_selectors.pemda_by_slug(slug) if SLUG.fullmatch(slug) else None
    if pemda is None:
        raise errors.not_found(
            _("There is no regional government at the path “%(slug)s”.") % {"slug": slug})
    return pemda


def _unit(pemda, unit_id: int) -> UnitLayanan:
    unit = selectors.unit_get(pemda=pemda, unit_id=unit_id)
    if unit is None:
        raise errors.not_found(_("%(pemda)s has no service unit with id %(id)s.")
                               % {"pemda": pemda.short_name, "id": unit_id})
    return unit


def _unit_out(unit, label, result) -> dict:
    return {"id": unit.pk, "name": unit.name, "opd_id": unit.opd_id, "opd": unit.opd.name,
            "period": label, "result": _result(result)}


def _period_out(item) -> dict:
    p = item.period
    return {"id": p.pk, "name": p.name, "start": p.start, "end": p.end,
            "population": p.population, "required_sample": item.required,
            "result": _result(item.result)}


@router.get("/ikm/pemda/{slug}/units", response={200: list[UnitOut], **ERRORS_READ}, auth=None,
            summary="Service units with their current satisfaction index")
def unit_list(request: HttpRequest, slug: str):
    pemda = _pemda(slug)
    today = timezone.localdate()
    return [_unit_out(s["unit"], s["label"], s["result"])
            for s in selectors.unit_summaries(pemda=pemda, today=today)]


@router.get("/ikm/pemda/{slug}/units/{unit_id}", response={200: UnitDetailOut, **ERRORS_READ},
            auth=None, summary="One service unit: current index, periods and quarters")
def unit_detail(request: HttpRequest, slug: str, unit_id: ObjectId):
    pemda = _pemda(slug)
    unit = _unit(pemda, unit_id)
    today = timezone.localdate()
    label, result = selectors.current(unit=unit, today=today)
    out = _unit_out(unit, label, result)
    out["periods"] = [_period_out(item) for item in selectors.period_results(unit=unit)]
    out["quarters"] = [{"quarter": q, "result": _result(r)}
                       for q, r in selectors.quarterly_series(unit=unit, today=today)]
    return out


@router.post("/ikm/pemda/{slug}/units/{unit_id}/responses",
             response={201: ResponseOut, **ERRORS_WRITE}, auth=None,
             summary="Answer the questionnaire (public, anonymous)")
def response_create(request: HttpRequest, slug: str, unit_id: ObjectId, payload: ResponseIn):
    pemda = _pemda(slug)
    unit = _unit(pemda, unit_id)
    data = payload.dict()
    answers = {e: data.pop(e) for e in ELEMENTS}
    response = services.response_submit(actor=None, unit=unit, answers=answers,
                                        request=request, **data)
    return Status(201, response)


@router.post("/ikm/pemda/{slug}/units/{unit_id}/periods",
             response={201: PeriodOut, **ERRORS_WRITE},
             summary="Add a survey period (admin pemda, the unit's OPD)")
def period_create(request: HttpRequest, slug: str, unit_id: ObjectId, payload: PeriodIn):
    pemda = _pemda(slug)
    unit = _unit(pemda, unit_id)
    period = services.period_create(actor=request.auth, unit=unit, request=request,
                                    **payload.dict())
    item = selectors.PeriodResult(period, None, formula.sample_size(period.population)
                                  if period.population else None)
    return Status(201, _period_out(item))
