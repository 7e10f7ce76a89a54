"""Background jobs: how code outside the worker hands work to it.

The queue is huey (see docs/decisions/huey.md): a SQLite file in var/ by default, so jobs survive
a restart without any server, and Redis when QUEUE_URL is set. Three rules hold for every task:

1. **Enqueue after commit.** `enqueue_on_commit(task, ...)` hands the job over only when the
   surrounding transaction commits, and drops it when the transaction rolls back, so a worker
   never sees an id whose row does not exist yet (or never will).
2. **Ids, not objects.** Arguments are primary keys and plain values. The worker re-reads the
   rows, so it works on the state as it is when the job runs, not as it was when it was queued.
3. **Safe to run twice.** A worker can die after doing the work and before acknowledging it, and
   huey retries failed tasks. Each task re-reads state, does nothing if the work is already done,
   and writes results so that a second run leaves the same state (set a value, never add to one).

Define tasks in the app's `tasks.py` (djhuey imports it in every installed app) with `@job()`.
"""

from __future__ import annotations

import datetime
import decimal
import logging
import uuid
from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from huey.contrib.djhuey import db_task

logger = logging.getLogger(__name__)

# What a job may be given: ids and plain values that serialise without surprises.
_PLAIN = (
    int, str, bool, float, type(None), uuid.UUID, decimal.Decimal, datetime.date,
    datetime.datetime,
)


def job(*, retries: int = 3, retry_delay: int = 30, **options: Any) -> Callable:
    """Declare a task. Retries are on by default because every task is safe to run twice."""
    return db_task(retries=retries, retry_delay=retry_delay, **options)


def _check_plain(value: Any, where: str) -> None:
    if isinstance(value, models.Model):
        raise TypeError(
            f"Pass {type(value).__name__}.pk, not the object, to a job ({where}): the worker "
            "must re-read the row."
        )
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _check_plain(item, where)
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _check_plain(key, where)
            _check_plain(item, where)
        return
    if not isinstance(value, _PLAIN):
        raise TypeError(f"Jobs take ids and plain values; got {type(value).__name__} ({where}).")


def enqueue_on_commit(task: Callable, *args: Any, using: str | None = None, **kwargs: Any) -> None:
    """Queue `task(*args, **kwargs)` once the current transaction commits; never if it rolls back.

    Outside a transaction (autocommit) the job is queued at once. A failure to reach the queue
    after the commit is logged rather than raised: the data is already saved, and the caller's
    request must not turn into an error page because of it.
    """
    name = getattr(task, "name", getattr(task, "__name__", repr(task)))
    for index, value in enumerate(args):
        _check_plain(value, f"{name} argument {index + 1}")
    for key, value in kwargs.items():
        _check_plain(value, f"{name} argument {key}")

    def _enqueue() -> None:
        try:
            task(*args, **kwargs)
        except Exception:
            logger.exception("Could not queue job %s%r %r", name, args, kwargs)

    transaction.on_commit(_enqueue, using=using)
