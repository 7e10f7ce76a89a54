"""IRM-scale assessments by the monitoring body beside the government's, disagreement shown."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from terbuka.core.tests.factories import make_user
from terbuka.rencanaaksi import selectors, services
from terbuka.rencanaaksi.tests.conftest import add_commitment


def _assess(actor, c, assessor, **kw):
    values = dict(body_name="Tim", verifiable=True, potential="substantial",
                  completion="substantial", opened_government="major", reasoning="Alasan.",
                  assessed_on=dt.date(2023, 12, 1))
    values.update(kw)
    return services.assessment_record(actor=actor, commitment=c, assessor=assessor, **values)


def test_monitor_and_government_disagree_visibly(consortium, ksb):
    c = add_commitment(consortium, ksb)
    pemantau = make_user(role="pemantau", pemda=ksb)
    sek = make_user(role="sekretariat_ogp", pemda=ksb)
    _assess(sek, c, "government")
    _assess(pemantau, c, "monitor", body_name="LRP2M Universitas Cordova",
            opened_government="marginal", completion="limited")
    side = selectors.assessments_side_by_side(c)
    assert side["disagree"] == ["completion", "opened_government"]
    assert side["monitor"].body_name == "LRP2M Universitas Cordova"


def test_each_side_only_by_its_role(consortium, ksb):
    c = add_commitment(consortium, ksb)
    with pytest.raises(PermissionDenied):
        _assess(make_user(role="sekretariat_ogp", pemda=ksb), c, "monitor")
    with pytest.raises(PermissionDenied):
        _assess(make_user(role="pemantau", pemda=ksb), c, "government")


def test_scales_are_checked(consortium, ksb):
    c = add_commitment(consortium, ksb)
    with pytest.raises(ValidationError) as exc:
        _assess(None, c, "monitor", opened_government="amazing")
    assert "opened_government" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _assess(None, c, "monitor", potential="huge")
    assert "potential" in exc.value.message_dict


def test_recording_again_replaces(consortium, ksb):
    c = add_commitment(consortium, ksb)
    _assess(None, c, "monitor", completion="limited")
    _assess(None, c, "monitor", completion="complete")
    assert c.assessments.get().completion == "complete"
