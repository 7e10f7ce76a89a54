"""Referrals between modules: one module hands a case to another and follows its outcome.

A receiving module registers a `ReferralKind` with a handler; a sending module calls
`core.services.referral_create(kind=...)`. The handler runs in the same transaction, opens the
case in its own tables and returns its reference, so a referral is never half-made. The
receiving module reports progress with `core.services.referral_update`, and the sender reads
it back from the `Referral` row (`core.selectors.referrals_from`). Neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

# handler(referral) -> the receiving module's reference for the case it opened
Handler = Callable[[object], str]


@dataclass(frozen=True)
class ReferralKind:
    key: str  # "<receiving module>.<name>", e.g. "sosial.pmks"
    module: str  # the receiving module
    label: str | Promise
    handler: Handler


_kinds: dict[str, ReferralKind] = {}


def register(kind: ReferralKind) -> ReferralKind:
    if not kind.key.startswith(f"{kind.module}."):
        raise ValueError(f"Referral kind {kind.key!r} must start with its module's name.")
    _kinds[kind.key] = kind
    return kind


def get(key: str) -> ReferralKind | None:
    return _kinds.get(key)


def available(pemda=None) -> list[ReferralKind]:
    return sorted(
        (k for k in _kinds.values() if pemda is None or pemda.uses_module(k.module)),
        key=lambda k: k.key,
    )
