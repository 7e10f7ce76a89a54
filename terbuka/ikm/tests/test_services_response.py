"""Submitting a questionnaire: validation, periods, one answer per invitation, audit."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from terbuka.core.models import AuditEvent, UnitLayanan
from terbuka.core.tests.factories import make_opd, make_pemda
from terbuka.ikm import selectors, services
from terbuka.ikm.models import Response
from terbuka.ikm.tests.conftest import PROFILE, answers
from terbuka.ikm.tests.test_formula import WORKED

pytestmark = pytest.mark.django_db


def test_worked_example_through_the_database_matches_the_hand_computation(unit):
    from terbuka.ikm.formula import ELEMENTS

    for row in WORKED:
        services.response_submit(actor=None, unit=unit, answers=dict(zip(ELEMENTS, row,
                                                                         strict=True)),
                                 **PROFILE)
    result = selectors.score(Response.objects.filter(unit=unit))
    assert str(result.score) == "79.86"
    assert result.grade == "B"
    assert AuditEvent.objects.filter(action="ikm.response.submit").count() == 4


def test_bad_answers_and_profile_name_each_field(unit):
    bad = answers(3) | {"waktu": 5, "biaya": None, "extra": 2}
    with pytest.raises(ValidationError) as exc:
        services.response_submit(actor=None, unit=unit, answers=bad, age=7, sex="X",
                                 education="phd", occupation="")
    fields = exc.value.message_dict
    assert {"waktu", "biaya", "answers", "age", "sex", "education", "occupation"} <= set(fields)
    assert Response.objects.count() == 0


def test_answers_may_arrive_as_form_text(unit):
    response = services.response_submit(actor=None, unit=unit, answers=answers("4"),
                                        **(PROFILE | {"age": "40"}))
    assert response.persyaratan == 4 and response.age == 40


def test_response_falls_in_the_period_covering_its_day(unit):
    period = services.period_create(actor=None, unit=unit, name="Semester I 2026",
                                    start="2026-01-01", end="2026-06-30", population=300)
    inside = services.response_submit(actor=None, unit=unit, answers=answers(3),
                                      submitted_on=datetime.date(2026, 3, 1), **PROFILE)
    outside = services.response_submit(actor=None, unit=unit, answers=answers(3),
                                       submitted_on=datetime.date(2026, 7, 1), **PROFILE)
    assert inside.period == period and outside.period is None
    (item,) = selectors.period_results(unit=unit)
    assert item.respondents == 1 and item.required == 169 and item.sample_reached is False


def test_period_declared_later_adopts_earlier_answers(unit):
    early = services.response_submit(actor=None, unit=unit, answers=answers(2),
                                     submitted_on=datetime.date(2026, 2, 1), **PROFILE)
    period = services.period_create(actor=None, unit=unit, name="S1", start="2026-01-01",
                                    end="2026-06-30")
    early.refresh_from_db()
    assert early.period == period


def test_overlapping_periods_are_a_conflict(unit):
    services.period_create(actor=None, unit=unit, name="S1", start="2026-01-01",
                           end="2026-06-30")
    with pytest.raises(ValidationError) as exc:
        services.period_create(actor=None, unit=unit, name="Q2", start="2026-04-01",
                               end="2026-09-30")
    assert exc.value.error_dict["start"][0].code == "unique"
    with pytest.raises(ValidationError) as exc:
        services.period_create(actor=None, unit=unit, name="Back", start="2026-12-31",
                               end="2026-12-01")
    assert "end" in exc.value.message_dict


def test_one_answer_per_invitation_reference(unit):
    services.response_submit(actor=None, unit=unit, answers=answers(4), ref="ADU-2026-000123",
                             **PROFILE)
    with pytest.raises(ValidationError) as exc:
        services.response_submit(actor=None, unit=unit, answers=answers(1),
                                 ref="ADU-2026-000123", **PROFILE)
    assert exc.value.error_dict["ref"][0].code == "unique"
    assert Response.objects.count() == 1


def test_inactive_unit_takes_no_answers(unit):
    unit.is_active = False
    unit.save()
    with pytest.raises(ValidationError):
        services.response_submit(actor=None, unit=unit, answers=answers(3), **PROFILE)


def test_units_of_another_pemda_are_not_found_in_this_one(unit, ksb):
    other = make_pemda("banggai", "72.01", subtree=False)
    stranger = UnitLayanan.objects.create(opd=make_opd(other, "Dinas X"), name="Loket")
    assert selectors.unit_get(pemda=ksb, unit_id=stranger.pk) is None
    assert selectors.unit_get(pemda=ksb, unit_id=unit.pk) == unit
