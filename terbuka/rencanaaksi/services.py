"""Every write of the rencanaaksi app. Each function checks permission first (skipped for the
system actor, None), validates, writes and records the change in the audit log."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import filetype
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from terbuka.core import audit, indicators, jobs, policy
from terbuka.core.models import Opd, Pemda
from terbuka.core.policy import Target
from terbuka.rencanaaksi import rules
from terbuka.rencanaaksi.models import (
    ActionPlan,
    Assessment,
    Assessor,
    CoCreationStep,
    Comment,
    Commitment,
    Completion,
    Evidence,
    GroupKind,
    GroupMember,
    IndicatorLink,
    Milestone,
    OgpValue,
    OpenedGovernment,
    Organisation,
    Participation,
    PlanMember,
    PlanStatus,
    Potential,
    ProgressReport,
    Response,
    Sector,
    Stance,
    Step,
    StepDocument,
    Verdict,
)

# ---------------------------------------------------------------- helpers


def _require(actor, action: str, target: Target) -> None:
    if actor is not None:
        policy.require(actor, action, target)


def _require_any(actor, action: str, targets: Iterable[Target]) -> None:
    if actor is None:
        return
    targets = list(targets)
    if not any(policy.can(actor, action, t) for t in targets):
        policy.require(actor, action, targets[0])


def _error(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _text(value: Any, field: str, *, required: bool = False, max_length: int = 0) -> str:
    text = "" if value is None else str(value).strip()
    if "\x00" in text:
        raise _error(field, _("The text contains a character that is not allowed."))
    if required and not text:
        raise _error(field, _("This field is required."), "required")
    if max_length and len(text) > max_length:
        raise _error(field, _("At most %(n)d characters.") % {"n": max_length})
    return text


def _date(value: Any, field: str, *, required: bool = True) -> datetime.date | None:
    if value in (None, ""):
        if required:
            raise _error(field, _("This field is required."), "required")
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise _error(field, _("Enter a date as YYYY-MM-DD.")) from None


def _choice(value: Any, choices, field: str) -> str:
    value = "" if value is None else str(value)
    if value not in choices.values:
        raise _error(field, _("“%(value)s” is not one of the choices.") % {"value": value[:50]})
    return value


def _values(values: Any, field: str) -> list[str]:
    values = list(values or [])
    for value in values:
        _choice(value, OgpValue, field)
    return list(dict.fromkeys(values))


def _plan_target(plan: ActionPlan) -> Target:
    return Target(pemda_id=plan.pemda_id)


def _commitment_targets(commitment: Commitment) -> list[Target]:
    return [Target(pemda_id=commitment.pemda_id, opd_id=commitment.lead_opd_id),
            Target(pemda_id=commitment.plan.pemda_id)]


def _queue_publish(pemda_id: int) -> None:
    from terbuka.rencanaaksi import tasks

    jobs.enqueue_on_commit(tasks.publish_pemda, pemda_id)


def _unique_slug(model, pemda, base: str, field: str = "slug") -> str:
    base = slugify(base)[:70] or "x"
    slug, n = base, 2
    while model.objects.filter(pemda=pemda, **{field: slug}).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# ---------------------------------------------------------------- organisations


@transaction.atomic
def organisation_create(*, actor, pemda: Pemda, name: str, sector: str = Sector.CIVIL_SOCIETY,
                        acronym: str = "", description: str = "", website: str = "",
                        request=None) -> Organisation:
    _require(actor, "rencanaaksi.organisation.manage", Target(pemda_id=pemda.pk))
    name = _text(name, "name", required=True, max_length=200)
    if Organisation.objects.filter(pemda=pemda, name__iexact=name).exists():
        raise _error("name", _("An organisation with this name is already listed."), "unique")
    slug = _unique_slug(Organisation, pemda, acronym or name)
    if slug == "baru":
        slug = _unique_slug(Organisation, pemda, f"{slug}-org")
    org = Organisation(
        pemda=pemda, name=name, slug=slug,
        sector=_choice(sector, Sector, "sector"), acronym=_text(acronym, "acronym", max_length=40),
        description=_text(description, "description"), website=_text(website, "website"),
    )
    try:
        org.full_clean()
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None
    org.save()
    audit.record(actor=actor, action="rencanaaksi.organisation.create", obj=org,
                 changes={"name": [None, name]}, request=request)
    return org


# ---------------------------------------------------------------- plans and steps

# Words the app's own addresses use right after /rencana-aksi/.
RESERVED_SLUGS = {"baru", "komitmen", "bukti", "organisasi"}


@transaction.atomic
def plan_create(*, actor, pemda: Pemda, title: str, period_start, period_end, vision: str = "",
                ogp_values: Sequence[str] = (), members: Sequence[Pemda] = (), slug: str = "",
                request=None) -> ActionPlan:
    """A new plan coordinated by `pemda`, with `members` (other pemda) making it a consortium,
    and its eight co-creation steps waiting to be taken."""
    _require(actor, "rencanaaksi.plan.manage", Target(pemda_id=pemda.pk))
    title = _text(title, "title", required=True, max_length=250)
    start = _date(period_start, "period_start")
    end = _date(period_end, "period_end")
    if end <= start:
        raise _error("period_end", _("The period must end after it starts."))
    slug = slugify(_text(slug, "slug", max_length=80)) or _unique_slug(ActionPlan, pemda, title)
    if slug in RESERVED_SLUGS:
        raise _error("slug", _("This short name is reserved; choose another."))
    if ActionPlan.objects.filter(pemda=pemda, slug=slug).exists():
        raise _error("slug", _("Another plan already uses this short name."), "unique")
    plan = ActionPlan.objects.create(
        pemda=pemda, slug=slug, title=title, period_start=start, period_end=end,
        vision=_text(vision, "vision"), ogp_values=_values(ogp_values, "ogp_values"),
    )
    PlanMember.objects.create(plan=plan, pemda=pemda)
    for other in members:
        if other.pk != pemda.pk:
            PlanMember.objects.get_or_create(plan=plan, pemda=other)
    CoCreationStep.objects.bulk_create(
        CoCreationStep(plan=plan, step=step, order=index + 1)
        for index, step in enumerate(rules.STEPS)
    )
    audit.record(actor=actor, action="rencanaaksi.plan.create", obj=plan,
                 changes={"title": [None, title],
                          "members": [None, [m.pemda.slug for m in plan.members.all()]]},
                 request=request)
    return plan


@transaction.atomic
def plan_add_member(*, actor, plan: ActionPlan, pemda: Pemda, joined: str = "",
                    request=None) -> PlanMember:
    _require(actor, "rencanaaksi.plan.manage", _plan_target(plan))
    if plan.status == PlanStatus.SUBMITTED:
        raise _error("pemda", _("The plan has been submitted; its members are fixed."))
    member, created = PlanMember.objects.get_or_create(plan=plan, pemda=pemda,
                                                       defaults={"joined": joined})
    if created:
        audit.record(actor=actor, action="rencanaaksi.plan.member_add", obj=plan,
                     pemda=plan.pemda, changes={"member": [None, pemda.slug]}, request=request)
    return member


def _steps_done(plan: ActionPlan) -> list[str]:
    return list(plan.steps.filter(completed_at__isnull=False).values_list("step", flat=True))


def unanswered_comments(plan: ActionPlan) -> int:
    return plan.comments.filter(response__isnull=True).count()


def _step_preconditions(step: CoCreationStep) -> None:
    plan = step.plan
    expected = rules.next_step(_steps_done(plan))
    if expected != step.step:
        raise _error("step", _("Take the steps in order: the next step is “%(step)s”.")
                     % {"step": Step(expected).label if expected else "-"})
    if step.step == Step.CONSULTATION and plan.status != PlanStatus.CONSULTATION:
        raise _error("step", _("Publish the draft plan for public consultation first."))
    if step.step == Step.ADOPTION:
        open_count = unanswered_comments(plan)
        if open_count:
            raise _error("step", _("%(n)d public comment(s) still need a reasoned response "
                                   "before the plan can be adopted.") % {"n": open_count})
        if not plan.commitments.exists():
            raise _error("step", _("The plan has no commitments yet."))
    if step.step == Step.SUBMISSION:
        for commitment in plan.commitments.all():
            total = sum(m.weight for m in commitment.milestones.all())
            if total != 100:
                raise _error("step", _("Commitment %(n)d's milestone weights add up to "
                                       "%(total)d%%, not 100%%.")
                             % {"n": commitment.number, "total": total})


@transaction.atomic
def step_record(*, actor, step: CoCreationStep, held_on, minutes: str = "", place: str = "",
                participants: Sequence[dict] = (), documents: Sequence[dict] = (),
                complete: bool = True, request=None) -> CoCreationStep:
    """Record a co-creation step's meeting (date, place, minutes, who took part by organisation
    and sex, documents) and, with complete=True, mark it done. Steps are done in order; the
    consultation, adoption and submission steps move the plan's status."""
    plan = step.plan
    _require(actor, "rencanaaksi.plan.manage", _plan_target(plan))
    if step.is_done:
        raise _error("step", _("This step is already done."))
    held = _date(held_on, "held_on")
    minutes = _text(minutes, "minutes")
    if complete:
        if not minutes:
            raise _error("minutes", _("Write the minutes before marking the step as done."),
                         "required")
        _step_preconditions(step)
        previous = plan.steps.filter(order__lt=step.order, held_on__isnull=False).aggregate(
            last=Max("held_on"))["last"]
        if previous and held < previous:
            raise _error("held_on", _("This step cannot be dated before the previous one "
                                      "(%(date)s).") % {"date": previous.isoformat()})
    parts = []
    for index, row in enumerate(participants):
        org = _text(row.get("organisation"), f"participants.{index}.organisation",
                    required=True, max_length=200)
        sector = _choice(row.get("sector"), Sector, f"participants.{index}.sector")
        counts = []
        for sex in ("women", "men"):
            try:
                value = int(row.get(sex) or 0)
            except (TypeError, ValueError):
                raise _error(f"participants.{index}.{sex}", _("Enter a whole number.")) from None
            if value < 0 or value > 10000:
                raise _error(f"participants.{index}.{sex}",
                             _("Enter a number between 0 and 10000."))
            counts.append(value)
        if sum(counts) == 0:
            raise _error(f"participants.{index}.women",
                         _("Give the number of women and men who took part."))
        parts.append(Participation(step=step, organisation=org, sector=sector,
                                   women=counts[0], men=counts[1]))
    docs = []
    for index, row in enumerate(documents):
        title = _text(row.get("title"), f"documents.{index}.title", required=True,
                      max_length=200)
        url = _text(row.get("url"), f"documents.{index}.url", required=True, max_length=200)
        if not url.startswith(("https://", "http://")):
            raise _error(f"documents.{index}.url", _("Enter a web address (https://…)."))
        docs.append(StepDocument(step=step, title=title, url=url))
    step.held_on, step.minutes = held, minutes
    step.place = _text(place, "place", max_length=200)
    now = timezone.now()
    if complete:
        step.completed_at = now
    step.save()
    for part in parts:
        Participation.objects.update_or_create(
            step=step, organisation=part.organisation,
            defaults={"sector": part.sector, "women": part.women, "men": part.men})
    StepDocument.objects.bulk_create(docs)
    changes = {"step": [None, step.step], "held_on": [None, held.isoformat()],
               "completed": [False, complete]}
    if complete and step.step == Step.CONSULTATION:
        plan.consultation_closed_at = now
        plan.save(update_fields=["consultation_closed_at"])
    if complete and step.step == Step.ADOPTION:
        plan.status, plan.adopted_at = PlanStatus.ADOPTED, held
        plan.save(update_fields=["status", "adopted_at"])
        changes["status"] = [PlanStatus.CONSULTATION, PlanStatus.ADOPTED]
    if complete and step.step == Step.SUBMISSION:
        plan.status, plan.submitted_at = PlanStatus.SUBMITTED, held
        plan.save(update_fields=["status", "submitted_at"])
        changes["status"] = [PlanStatus.ADOPTED, PlanStatus.SUBMITTED]
    if complete and step.step == Step.SUBMISSION:
        for member_id in plan.members.values_list("pemda_id", flat=True):
            _queue_publish(member_id)
    audit.record(actor=actor, action="rencanaaksi.step.record", obj=plan, pemda=plan.pemda,
                 changes=changes, request=request)
    return step


@transaction.atomic
def plan_open_consultation(*, actor, plan: ActionPlan, draft_text: str,
                           request=None) -> ActionPlan:
    """Publish the draft for uji publik. Allowed once the plan workshop is done."""
    _require(actor, "rencanaaksi.plan.manage", _plan_target(plan))
    if plan.status != PlanStatus.DRAFTING:
        raise _error("draft_text", _("The draft has already been published."))
    if rules.next_step(_steps_done(plan)) != Step.CONSULTATION:
        raise _error("draft_text", _("Finish the steps up to the action plan workshop before "
                                     "the public consultation."))
    text = _text(draft_text, "draft_text", required=True)
    plan.draft_text, plan.status = text, PlanStatus.CONSULTATION
    plan.consultation_opened_at = timezone.now()
    plan.save(update_fields=["draft_text", "status", "consultation_opened_at"])
    audit.record(actor=actor, action="rencanaaksi.plan.consultation_open", obj=plan,
                 changes={"status": [PlanStatus.DRAFTING, PlanStatus.CONSULTATION]},
                 request=request)
    return plan


@transaction.atomic
def group_member_add(*, actor, plan: ActionPlan, group: str, name: str, role: str,
                     organisation: str, sector: str, user=None, request=None) -> GroupMember:
    _require(actor, "rencanaaksi.plan.manage", _plan_target(plan))
    member = GroupMember.objects.create(
        plan=plan, group=_choice(group, GroupKind, "group"),
        name=_text(name, "name", required=True, max_length=150),
        role=_text(role, "role", required=True, max_length=100),
        organisation=_text(organisation, "organisation", required=True, max_length=200),
        sector=_choice(sector, Sector, "sector"), user=user,
    )
    audit.record(actor=actor, action="rencanaaksi.group.add", obj=member, pemda=plan.pemda,
                 changes={"group": [None, group], "name": [None, member.name]}, request=request)
    return member


# ---------------------------------------------------------------- commitments

COMMITMENT_TEXT = {
    "ogp_id": 20, "title_en": 300, "lead_agency": 250, "other_government": 0,
    "civil_society": 0, "problem": 0, "baseline": 0, "description": 0, "contribution": 0,
    "rpjmd": 0, "budget_source": 200, "note": 0,
}


def _commitment_fields(pemda: Pemda, fields: dict) -> dict:
    unknown = set(fields) - set(COMMITMENT_TEXT) - {"lead_opd", "ogp_values", "sdgs", "budget"}
    if unknown:
        raise _error(sorted(unknown)[0], _("Unknown field."))
    out: dict[str, Any] = {}
    for name, limit in COMMITMENT_TEXT.items():
        if name in fields:
            out[name] = _text(fields[name], name, max_length=limit)
    if "lead_opd" in fields:
        opd = fields["lead_opd"]
        if opd is not None and not isinstance(opd, Opd):
            opd = Opd.objects.filter(pk=opd).first() if str(opd).isdigit() else None
            if opd is None:
                raise _error("lead_opd", _("Unknown OPD."))
        if opd is not None and opd.pemda_id != pemda.pk:
            raise _error("lead_opd", _("The lead OPD must belong to %(pemda)s.")
                         % {"pemda": pemda.name})
        out["lead_opd"] = opd
    if "ogp_values" in fields:
        out["ogp_values"] = _values(fields["ogp_values"], "ogp_values")
    if "sdgs" in fields:
        sdgs = []
        for value in fields["sdgs"] or []:
            try:
                goal = int(value)
            except (TypeError, ValueError):
                goal = 0
            if not 1 <= goal <= 17:
                raise _error("sdgs", _("SDGs are numbered 1 to 17."))
            sdgs.append(goal)
        out["sdgs"] = sorted(set(sdgs))
    if "budget" in fields:
        budget = fields["budget"]
        if budget in (None, ""):
            out["budget"] = None
        else:
            try:
                out["budget"] = Decimal(str(budget)).quantize(Decimal(1))
            except InvalidOperation:
                raise _error("budget", _("Enter an amount in rupiah.")) from None
            if out["budget"] < 0 or out["budget"] >= Decimal(10) ** 16:
                raise _error("budget", _("Enter an amount in rupiah."))
    return out


@transaction.atomic
def commitment_create(*, actor, plan: ActionPlan, pemda: Pemda, title: str, start, end,
                      request=None, **fields) -> Commitment:
    """Add a commitment delivered by member `pemda`. A single-member plan holds at most 5, a
    consortium at most 12."""
    _require_any(actor, "rencanaaksi.commitment.manage",
                 [Target(pemda_id=pemda.pk), _plan_target(plan)])
    # Lock the plan row so two secretariats adding at once cannot pass the limit together.
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status in (PlanStatus.ADOPTED, PlanStatus.SUBMITTED):
        raise _error("title", _("The plan has been adopted; commitments can no longer be "
                                "added."))
    if not plan.members.filter(pemda=pemda).exists():
        raise _error("pemda", _("%(pemda)s is not a member of this plan.")
                     % {"pemda": pemda.name})
    members = plan.members.count()
    limit = rules.commitment_limit(members)
    if plan.commitments.count() >= limit:
        if members > 1:
            message = _("A consortium plan may hold at most %(n)d commitments; this plan "
                        "already has %(n)d.") % {"n": limit}
        else:
            message = _("A plan of a single member may hold at most %(n)d commitments; this "
                        "plan already has %(n)d.") % {"n": limit}
        raise _error("title", message, "limit")
    title = _text(title, "title", required=True, max_length=300)
    start, end = _date(start, "start"), _date(end, "end")
    if end <= start:
        raise _error("end", _("The commitment must end after it starts."))
    if start < plan.period_start or end > plan.period_end:
        raise _error("end" if end > plan.period_end else "start",
                     _("The commitment must run within the plan's period (%(start)s to "
                       "%(end)s).") % {"start": plan.period_start, "end": plan.period_end})
    values = _commitment_fields(pemda, fields)
    number = (plan.commitments.aggregate(n=Max("number"))["n"] or 0) + 1
    commitment = Commitment.objects.create(plan=plan, pemda=pemda, number=number, title=title,
                                           start=start, end=end, **values)
    audit.record(actor=actor, action="rencanaaksi.commitment.create", obj=commitment,
                 changes={"title": [None, title], "plan": [None, plan.slug]}, request=request)
    return commitment


@transaction.atomic
def commitment_update(*, actor, commitment: Commitment, request=None, **fields) -> Commitment:
    _require_any(actor, "rencanaaksi.commitment.manage", _commitment_targets(commitment))
    values = _commitment_fields(commitment.pemda, {k: v for k, v in fields.items()
                                                   if k not in ("title",)})
    if "title" in fields:
        values["title"] = _text(fields["title"], "title", required=True, max_length=300)
    before = {k: getattr(commitment, k) for k in values}
    for key, value in values.items():
        setattr(commitment, key, value)
    commitment.save()
    audit.record(actor=actor, action="rencanaaksi.commitment.update", obj=commitment,
                 changes=audit.diff(before, values), request=request)
    return commitment


@transaction.atomic
def milestones_set(*, actor, commitment: Commitment, milestones: Sequence[dict],
                   illustrative: bool = False, request=None) -> list[Milestone]:
    """Replace a commitment's milestones. All of them inside the commitment's dates, each with
    an owner, weights adding up to 100%."""
    _require_any(actor, "rencanaaksi.commitment.manage", _commitment_targets(commitment))
    specs, rows = [], []
    for index, row in enumerate(milestones):
        title = _text(row.get("title"), f"milestones.{index}.title", required=True,
                      max_length=300)
        owner = _text(row.get("owner"), f"milestones.{index}.owner", required=True,
                      max_length=200)
        start = _date(row.get("start"), f"milestones.{index}.start")
        end = _date(row.get("end"), f"milestones.{index}.end")
        try:
            weight = int(row.get("weight"))
        except (TypeError, ValueError):
            raise _error(f"milestones.{index}.weight", _("Enter a whole number.")) from None
        specs.append(rules.MilestoneSpec(title, start, end, weight))
        rows.append({"title": title, "owner": owner, "start": start, "end": end,
                     "weight": weight,
                     "evidence_expected": _text(row.get("evidence_expected"),
                                                f"milestones.{index}.evidence_expected",
                                                max_length=300),
                     "completed_on": _date(row.get("completed_on"),
                                           f"milestones.{index}.completed_on", required=False)})
    problems = rules.milestone_problems(specs, commitment.start, commitment.end)
    if problems:
        errors: dict[str, list[str]] = {}
        for index, field, code in problems:
            key = "milestones" if index is None else f"milestones.{index}.{field}"
            if code == "total":
                message = _("Milestone weights must add up to 100%%; they add up to %(total)d%%.") \
                    % {"total": sum(s.weight for s in specs)}
            elif code == "outside":
                message = _("Milestone “%(title)s” must fall within the commitment's dates "
                            "(%(start)s to %(end)s).") % {
                    "title": specs[index].title, "start": commitment.start,
                    "end": commitment.end}
            elif code == "order":
                message = _("Milestone “%(title)s” ends before it starts.") % {
                    "title": specs[index].title}
            elif code == "weight":
                message = _("A milestone's weight is between 1 and 100%.")
            else:
                message = _("Give at least one milestone.")
            errors.setdefault(key, []).append(message)
        raise ValidationError(errors)
    commitment.milestones.all().delete()
    created = Milestone.objects.bulk_create(
        Milestone(commitment=commitment, order=index + 1, illustrative=illustrative, **row)
        for index, row in enumerate(rows)
    )
    audit.record(actor=actor, action="rencanaaksi.milestones.set", obj=commitment,
                 changes={"milestones": [None, [f"{r['title']} ({r['weight']}%)" for r in rows]]},
                 request=request)
    return created


def _check_evidence(upload) -> tuple[str, int]:
    size = int(getattr(upload, "size", 0) or 0)
    head = b""
    if size:
        upload.seek(0)
        head = upload.read(8192)
        upload.seek(0)
    kind = filetype.guess(head) if head else None
    mime = kind.mime if kind else None
    # OOXML and ODF files are zip archives: filetype names most of them, but a zip it cannot
    # name is not evidence we accept.
    problem = rules.evidence_problem(mime, size)
    name = str(getattr(upload, "name", "file"))[:200]
    if problem == "size":
        raise _error("files", _("“%(name)s” is %(mb).1f MB; evidence files may be at most "
                                "%(max)d MB.") % {"name": name, "mb": size / 1048576,
                                                  "max": rules.EVIDENCE_MAX_BYTES // 1048576})
    if problem == "empty":
        raise _error("files", _("“%(name)s” is empty.") % {"name": name})
    if problem == "type":
        raise _error("files", _("“%(name)s” is not a PDF, JPEG, PNG, DOCX, XLSX, ODT or ODS "
                                "file.") % {"name": name})
    return mime, size


@transaction.atomic
def progress_report(*, actor, commitment: Commitment, period_end, status: str, narrative: str,
                    links: Sequence[str] = (), files: Sequence = (),
                    completed_milestones: Sequence[int] = (), publish: bool = True,
                    request=None) -> ProgressReport:
    """Self-reported progress for a period, with evidence files and links; milestones named in
    `completed_milestones` are marked done on the period's end date. The pemda's open data is
    re-published after commit (publish=False for a batch that publishes once at its end)."""
    _require_any(actor, "rencanaaksi.progress.report", _commitment_targets(commitment))
    period = _date(period_end, "period_end")
    if period < commitment.start:
        raise _error("period_end", _("The period ends before the commitment starts."))
    status = _choice(status, Completion, "status")
    narrative = _text(narrative, "narrative", required=True)
    clean_links = []
    for index, link in enumerate(links):
        link = _text(link, f"links.{index}", max_length=500)
        if not link:
            continue
        if not link.startswith(("https://", "http://")):
            raise _error("links", _("“%(link)s” is not a web address (https://…).")
                         % {"link": link[:80]})
        clean_links.append(link)
    checked = [(upload, *_check_evidence(upload)) for upload in files]
    if commitment.reports.filter(period_end=period).exists():
        raise _error("period_end", _("There is already a report for this period."), "unique")
    report = ProgressReport.objects.create(
        commitment=commitment, period_end=period, status=status, narrative=narrative,
        links=clean_links, reported_by=actor if getattr(actor, "pk", None) else None)
    for upload, mime, size in checked:
        name = str(getattr(upload, "name", "evidence")).rsplit("/", 1)[-1][:200]
        ext = rules.EVIDENCE_TYPES[mime]
        evidence = Evidence(report=report, name=name, content_type=mime, size=size)
        # The stored name is ours: the upload's name is shown, never used as a path.
        evidence.file.save(f"{report.pk}-{timezone.now():%Y%m%d%H%M%S%f}.{ext}", upload,
                           save=False)
        evidence.save()
    done_ids = [int(i) for i in completed_milestones]
    if done_ids:
        found = commitment.milestones.filter(pk__in=done_ids)
        if found.count() != len(set(done_ids)):
            raise _error("completed_milestones", _("Unknown milestone."))
        found.filter(completed_on__isnull=True).update(completed_on=period)
    if publish:
        _queue_publish(commitment.pemda_id)
    audit.record(actor=actor, action="rencanaaksi.progress.report", obj=commitment,
                 changes={"period_end": [None, period.isoformat()], "status": [None, status],
                          "evidence": [None, [c[0].name for c in checked]]}, request=request)
    return report


@transaction.atomic
def indicator_link(*, actor, commitment: Commitment, key: str, target: float | None = None,
                   request=None) -> IndicatorLink:
    _require_any(actor, "rencanaaksi.commitment.manage", _commitment_targets(commitment))
    key = _text(key, "key", required=True, max_length=100)
    if indicators.get(key) is None:
        raise _error("key", _("No module offers an indicator “%(key)s”.") % {"key": key})
    link, created = IndicatorLink.objects.update_or_create(
        commitment=commitment, key=key, defaults={"target": target})
    audit.record(actor=actor, action="rencanaaksi.indicator.link", obj=commitment,
                 changes={"indicator": [None, key]}, request=request)
    return link


# ---------------------------------------------------------------- uji publik


def draft_paragraphs(plan: ActionPlan) -> list[tuple[str, str]]:
    """[(anchor, text)] of the draft's paragraphs: "p1", "p2", …"""
    parts = [p.strip() for p in plan.draft_text.replace("\r\n", "\n").split("\n\n")]
    return [(f"p{index + 1}", text) for index, text in enumerate(p for p in parts if p)]


@transaction.atomic
def comment_create(*, actor, plan: ActionPlan, anchor: str, author_name: str, stance: str,
                   body: str, organisation: str = "", request=None) -> Comment:
    """A public comment on one paragraph of the draft ("p3") or one commitment ("c2"). Anyone
    may comment while the consultation is open; the comment is public at once."""
    if plan.status != PlanStatus.CONSULTATION or plan.consultation_closed_at:
        raise _error("body", _("The public consultation on this plan is not open."))
    anchor = _text(anchor, "anchor", required=True, max_length=40)
    commitment, quote = None, ""
    paragraphs = dict(draft_paragraphs(plan))
    if anchor in paragraphs:
        quote = paragraphs[anchor]
    elif anchor.startswith("c") and anchor[1:].isdigit():
        commitment = plan.commitments.filter(number=int(anchor[1:])).first()
        if commitment is None:
            raise _error("anchor", _("Choose a paragraph or a commitment of this draft."))
        quote = commitment.title
    else:
        raise _error("anchor", _("Choose a paragraph or a commitment of this draft."))
    comment = Comment.objects.create(
        plan=plan, commitment=commitment, anchor=anchor, quote=quote[:2000],
        author_name=_text(author_name, "author_name", required=True, max_length=120),
        organisation=_text(organisation, "organisation", max_length=200),
        stance=_choice(stance, Stance, "stance"),
        body=_text(body, "body", required=True, max_length=5000),
        user=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(actor=actor, action="rencanaaksi.comment.create", obj=comment,
                 pemda=plan.pemda, changes={"anchor": [None, anchor]}, request=request)
    return comment


@transaction.atomic
def comment_respond(*, actor, comment: Comment, verdict: str, reason: str,
                    request=None) -> Response:
    """The secretariat's reasoned answer. Every comment needs one before adoption."""
    plan = comment.plan
    targets = [_plan_target(plan)]
    if comment.commitment_id:
        targets.append(Target(pemda_id=comment.commitment.pemda_id))
    _require_any(actor, "rencanaaksi.comment.respond", targets)
    if plan.status not in (PlanStatus.CONSULTATION,):
        raise _error("reason", _("Comments are answered while the plan is in consultation."))
    verdict = _choice(verdict, Verdict, "verdict")
    reason = _text(reason, "reason", max_length=5000)
    if len(reason) < 10:
        raise _error("reason", _("Give the reason for the decision (at least 10 characters)."),
                     "required")
    if Response.objects.filter(comment=comment).exists():
        raise _error("reason", _("This comment has already been answered."), "unique")
    response = Response.objects.create(comment=comment, verdict=verdict, reason=reason,
                                       responder=actor if getattr(actor, "pk", None) else None)
    audit.record(actor=actor, action="rencanaaksi.comment.respond", obj=comment,
                 pemda=plan.pemda, changes={"verdict": [None, verdict]}, request=request)
    return response


# ---------------------------------------------------------------- monitoring


@transaction.atomic
def assessment_record(*, actor, commitment: Commitment, assessor: str, body_name: str,
                      verifiable: bool, potential: str, completion: str, reasoning: str,
                      opened_government: str = "", assessed_on=None,
                      request=None) -> Assessment:
    """The government's or the monitoring body's assessment on the IRM scales (one each per
    commitment; recording again replaces it, and the audit log keeps the old one)."""
    assessor = _choice(assessor, Assessor, "assessor")
    action = ("rencanaaksi.assessment.monitor" if assessor == Assessor.MONITOR
              else "rencanaaksi.assessment.government")
    _require(actor, action, Target(pemda_id=commitment.pemda_id))
    values = {
        "body_name": _text(body_name, "body_name", required=True, max_length=200),
        "verifiable": bool(verifiable),
        "potential": _choice(potential, Potential, "potential"),
        "completion": _choice(completion, Completion, "completion"),
        "opened_government": (_choice(opened_government, OpenedGovernment, "opened_government")
                              if opened_government else ""),
        "reasoning": _text(reasoning, "reasoning", required=True, max_length=5000),
        "assessed_on": _date(assessed_on, "assessed_on", required=False)
        or timezone.localdate(),
        "user": actor if getattr(actor, "pk", None) else None,
    }
    existing = Assessment.objects.filter(commitment=commitment, assessor=assessor).first()
    before = ({k: getattr(existing, k) for k in values if k != "user"} if existing else {})
    assessment, _created = Assessment.objects.update_or_create(
        commitment=commitment, assessor=assessor, defaults=values)
    audit.record(actor=actor, action=f"rencanaaksi.assessment.{assessor}", obj=assessment,
                 pemda=commitment.pemda,
                 changes=audit.diff(before, {k: v for k, v in values.items() if k != "user"}),
                 request=request)
    return assessment
