"""What modules offer the platform. Core never imports a module; each module's AppConfig.ready()
registers here its menu entries, demo data loaders and (later) indicators and referral handlers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str  # reversed with the pemda slug when `per_pemda`
    permission: str | None = None  # a policy action; None means everyone may see it
    per_pemda: bool = True
    staff: bool = False  # shown in the officials' menu rather than the public one
    order: int = 100


@dataclass(frozen=True)
class Module:
    name: str
    label: str | Promise
    menu: tuple[MenuItem, ...] = ()
    # Called with (pemda, stdout) by `terbuka load_demo`; must be idempotent.
    demo_loader: Callable | None = None
    always_on: bool = False
    extras: dict = field(default_factory=dict)


_modules: dict[str, Module] = {}


def register(module: Module) -> Module:
    _modules[module.name] = module
    return module


def modules() -> list[Module]:
    return list(_modules.values())


def module(name: str) -> Module:
    return _modules[name]


def enabled_modules(pemda) -> list[Module]:
    return [
        m for m in _modules.values()
        if m.always_on or pemda is None or pemda.uses_module(m.name)
    ]
