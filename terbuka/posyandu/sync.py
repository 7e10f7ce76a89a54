"""The kader app's upload: one service applying a batch recorded offline.

Every item carries the id its phone generated, so the same batch sent twice (lost signal
halfway through the answer) changes nothing the second time. Each item is applied in its own
savepoint and answered on its own: "ok" with the server's computed values, "conflict" (the
same child measured differently by another entry, an edit based on an old version), or
"error" with the field messages. Nothing is dropped silently; nothing is half-saved.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from terbuka.posyandu import services
from terbuka.posyandu.models import Person, Posyandu, Session


def _codes(exc: ValidationError) -> set:
    if hasattr(exc, "error_dict"):
        return {e.code for errors in exc.error_dict.values() for e in errors}
    return {e.code for e in exc.error_list}


def _failure(uuid, exc: Exception) -> dict:
    if isinstance(exc, PermissionDenied):
        return {"uuid": str(uuid), "status": "error", "message": str(exc), "fields": {}}
    fields = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    codes = _codes(exc)
    status = "conflict" if codes & {"conflict", "unique"} else "error"
    return {"uuid": str(uuid), "status": status,
            "message": " ".join(m for ms in fields.values() for m in ms), "fields": fields,
            "implausible": "implausible" in codes}


def measurement_out(m) -> dict:
    return {"uuid": str(m.uuid), "version": m.version, "month": m.month.isoformat(),
            "weight_kg": None if m.weight_kg is None else float(m.weight_kg),
            "length_cm": None if m.length_cm is None else float(m.length_cm),
            "zwei": m.zwei, "zlen": m.zlen, "zwfl": m.zwfl, "growth_status": m.growth_status,
            "two_t": m.two_t, "bgm": m.bgm}


def sync_apply(*, actor, posyandu: Posyandu, children: list[dict], sessions: list[dict],
               measurements: list[dict], request=None) -> dict:
    """Apply children, then sessions, then measurements; answer each item."""
    services._require(actor, "posyandu.session.record", posyandu)
    out: dict[str, list] = {"children": [], "sessions": [], "measurements": []}
    for c in children:
        try:
            with transaction.atomic():
                p = services.person_register(
                    actor=actor, posyandu=posyandu, uuid=c.get("uuid"), name=c.get("name"),
                    birth_date=c.get("birth_date"), sex=c.get("sex"), nik=c.get("nik") or "",
                    mother_name=c.get("mother_name") or "", request=request)
            out["children"].append({"uuid": str(p.uuid), "status": "ok", "id": p.pk})
        except (ValidationError, PermissionDenied) as exc:
            out["children"].append(_failure(c.get("uuid"), exc))
    for s in sessions:
        try:
            with transaction.atomic():
                session, created = services.session_open(
                    actor=actor, posyandu=posyandu, uuid=s.get("uuid"), held_on=s.get("held_on"),
                    table5_counselling=s.get("table5_counselling") or "", request=request)
            out["sessions"].append({"uuid": str(s.get("uuid")), "status": "ok",
                                    "session": str(session.uuid), "merged": not created})
        except (ValidationError, PermissionDenied) as exc:
            out["sessions"].append(_failure(s.get("uuid"), exc))
    for m in measurements:
        data = dict(m)
        uuid = data.pop("uuid", None)
        session_uuid = data.pop("session", None)
        child_uuid = data.pop("child", None)
        base_version = data.pop("base_version", None)
        confirm = bool(data.pop("confirm_unusual", False))
        try:
            with transaction.atomic():
                session = (Session.objects.filter(uuid=session_uuid, posyandu=posyandu).first()
                           or Session.objects.filter(aliases__uuid=session_uuid,
                                                     posyandu=posyandu).first())
                if session is None:
                    raise ValidationError({"session": ["Unknown session."]})
                person = Person.objects.filter(uuid=child_uuid, pemda=posyandu.pemda).first()
                if person is None:
                    raise ValidationError({"child": ["Unknown child."]})
                saved = services.measurement_record(
                    actor=actor, session=session, person=person, uuid=uuid,
                    base_version=base_version, confirm_unusual=confirm, request=request, **data)
            out["measurements"].append({"uuid": str(uuid), "status": "ok",
                                        "server": measurement_out(saved)})
        except (ValidationError, PermissionDenied) as exc:
            out["measurements"].append(_failure(uuid, exc))
    return out
