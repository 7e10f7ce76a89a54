"""Forum Satu Data (Perpres 39/2019 pasal 20): meetings of the walidata with OPD and
kabupaten/kota, their agenda and decisions, and follow-ups with owners and due dates."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from terbuka.core import audit, policy
from terbuka.core.models import Pemda
from terbuka.core.policy import Target
from terbuka.satudata.models import FollowUp, ForumMeeting


def _require(actor, pemda_id):
    if actor is not None:
        policy.require(actor, "satudata.forum.manage", Target(pemda_id=pemda_id))


@transaction.atomic
def forum_meeting_create(*, actor, pemda: Pemda, title: str, date: datetime.date,
                         place: str = "", agenda: str = "", participants: str = "",
                         decisions: str = "", request=None) -> ForumMeeting:
    _require(actor, pemda.pk)
    errors = {}
    if not (title or "").strip():
        errors["title"] = [_("This field is required.")]
    if not isinstance(date, datetime.date):
        errors["date"] = [_("Enter a date.")]
    if errors:
        raise ValidationError(errors)
    meeting = ForumMeeting.objects.create(
        pemda=pemda, title=title.strip()[:300], date=date, place=(place or "")[:200],
        agenda=agenda or "", participants=participants or "", decisions=decisions or "")
    audit.record(actor=actor, action="satudata.forum.meeting", obj=meeting, pemda=pemda,
                 changes={"title": [None, meeting.title]}, request=request)
    return meeting


@transaction.atomic
def follow_up_add(*, actor, meeting: ForumMeeting, action: str, owner: str,
                  due_date: datetime.date | None = None, request=None) -> FollowUp:
    _require(actor, meeting.pemda_id)
    errors = {}
    if not (action or "").strip():
        errors["action"] = [_("This field is required.")]
    if not (owner or "").strip():
        errors["owner"] = [_("Name who follows it up.")]
    if errors:
        raise ValidationError(errors)
    item = FollowUp.objects.create(meeting=meeting, action=action.strip()[:500],
                                   owner=owner.strip()[:200], due_date=due_date)
    audit.record(actor=actor, action="satudata.forum.follow_up", obj=meeting,
                 pemda=meeting.pemda, changes={"follow_up": [None, item.action]},
                 request=request)
    return item


@transaction.atomic
def follow_up_done(*, actor, follow_up: FollowUp, done: bool = True, request=None) -> FollowUp:
    _require(actor, follow_up.meeting.pemda_id)
    follow_up.is_done = done
    follow_up.save(update_fields=["is_done"])
    audit.record(actor=actor, action="satudata.forum.follow_up_done", obj=follow_up.meeting,
                 pemda=follow_up.meeting.pemda, changes={"done": [not done, done]},
                 request=request)
    return follow_up
