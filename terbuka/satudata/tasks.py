"""Background jobs of Satu Data: notifications of workflow steps and comments by e-mail.

Each job re-reads its rows and sends to whoever should hear of the step now; sending the same
mail twice after a retry is the accepted cost of never losing one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django.utils.translation import override

from terbuka.core.jobs import job
from terbuka.core.models import Role, RoleAssignment
from terbuka.satudata.models import Comment, ReviewEvent, Status


def _people(dataset, roles: tuple[str, ...], *, opd_only: bool = False) -> set[str]:
    qs = RoleAssignment.objects.filter(pemda_id=dataset.pemda_id, role__in=roles,
                                       is_active=True).select_related("user")
    if opd_only:
        qs = qs.filter(opd_id=dataset.owner_org_id)
    return {a.user.email for a in qs if a.user.email and a.user.is_active}


def recipients_for_event(event: ReviewEvent) -> set[str]:
    dataset = event.dataset
    if event.to_status in (Status.DIAJUKAN,):
        return _people(dataset, (Role.WALIDATA,))
    people = _people(dataset, (Role.PRODUSEN_DATA,), opd_only=True)
    if dataset.created_by and dataset.created_by.email:
        people.add(dataset.created_by.email)
    if event.to_status == Status.TERBIT and dataset.tahun_prioritas:
        people |= _people(dataset, (Role.PEMBINA_DATA,))
    return people


@job()
def notify_review_event(event_id: int) -> int:
    event = ReviewEvent.objects.filter(pk=event_id).select_related(
        "dataset", "dataset__pemda", "dataset__created_by").first()
    if event is None:
        return 0
    to = sorted(recipients_for_event(event))
    if not to:
        return 0
    with override(settings.LANGUAGE_CODE):
        subject = _("[Satu Data %(pemda)s] %(title)s: %(status)s") % {
            "pemda": event.dataset.pemda.short_name, "title": event.dataset.title[:80],
            "status": Status(event.to_status).label}
        body = _("%(who)s moved the dataset “%(title)s” to “%(status)s”.") % {
            "who": event.actor_label, "title": event.dataset.title,
            "status": Status(event.to_status).label}
        if event.note:
            body += "\n\n" + _("Note: %(note)s") % {"note": event.note}
    send_mail(subject, body, None, to)
    return len(to)


@job()
def notify_comment(comment_id: int) -> int:
    comment = Comment.objects.filter(pk=comment_id).select_related(
        "dataset", "dataset__pemda", "dataset__created_by").first()
    if comment is None:
        return 0
    dataset = comment.dataset
    to = _people(dataset, (Role.PRODUSEN_DATA,), opd_only=True) | _people(
        dataset, (Role.WALIDATA,))
    to.discard(getattr(comment.author, "email", ""))
    if not to:
        return 0
    with override(settings.LANGUAGE_CODE):
        subject = _("[Satu Data %(pemda)s] Comment on %(title)s") % {
            "pemda": dataset.pemda.short_name, "title": dataset.title[:80]}
        body = f"{comment.author_label}:\n\n{comment.body}"
    send_mail(subject, body, None, sorted(to))
    return len(to)


@job()
def notify_data_request(request_id: int) -> int:
    """New request: the walidata hears of it. Answered: the requester does."""
    from terbuka.satudata.models import DataRequest, RequestStatus

    item = DataRequest.objects.filter(pk=request_id).select_related("pemda").first()
    if item is None:
        return 0
    with override(settings.LANGUAGE_CODE):
        if item.status == RequestStatus.BARU:
            to = sorted({a.user.email for a in RoleAssignment.objects.filter(
                pemda_id=item.pemda_id, role=Role.WALIDATA, is_active=True)
                .select_related("user") if a.user.email})
            subject = _("[Satu Data %(pemda)s] New data request %(number)s") % {
                "pemda": item.pemda.short_name, "number": item.number}
            body = f"{item.title}\n\n{item.description}"
        else:
            to = [item.requester_email]
            subject = _("Your data request %(number)s: %(status)s") % {
                "number": item.number, "status": RequestStatus(item.status).label}
            body = item.answer
    if not to:
        return 0
    send_mail(subject, body, None, to)
    return len(to)
