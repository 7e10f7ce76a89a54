"""The registry of CKAN actions. Satu Data registers the catalog actions (ckan/actions.py); the
datastore app adds datastore_search, datastore_search_sql and datastore_info with

    from terbuka.satudata.ckan.registry import register_action
    register_action("datastore_search", datastore_search)

An action is `fn(context: Context, data_dict: dict) -> result` (JSON-serialisable). It raises
the errors of `terbuka.satudata.ckan.errors` (or Django's ValidationError, PermissionDenied,
Http404, which the dispatcher maps to CKAN's Validation Error 409, Authorization Error 403 and
Not Found Error 404). Set `fn.side_effect_free = True` for actions that only read: only those
answer GET, as in CKAN.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Context:
    request: Any  # the HttpRequest
    user: Any  # the authenticated user (by API token or, for reads, the session), or None
    pemda: Any = None  # the Pemda when called under /<pemda>/api/3/action/, else None (all)
    extra: dict = field(default_factory=dict)


Action = Callable[[Context, dict], Any]
_actions: dict[str, Action] = {}


def register_action(name: str, fn: Action, *, side_effect_free: bool | None = None) -> Action:
    """Add (or replace) the action `name`. `side_effect_free` overrides the function's own
    attribute of that name."""
    if side_effect_free is not None:
        fn.side_effect_free = side_effect_free  # type: ignore[attr-defined]
    _actions[name] = fn
    return fn


def action(name: str | None = None, *, side_effect_free: bool = False):
    """Decorator form of register_action."""
    def wrap(fn: Action) -> Action:
        return register_action(name or fn.__name__, fn, side_effect_free=side_effect_free)
    return wrap


def get_action(name: str) -> Action | None:
    return _actions.get(name)


def action_names() -> list[str]:
    return sorted(_actions)
