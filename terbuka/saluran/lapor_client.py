"""HTTP client for the SP4N-LAPOR! integration API, switched on per pemda by its token
(`LaporAccount.is_active`). The API's paths are assumptions (see docs/saluran-lapor.md):
`POST {base}/reports` with one record in LAPOR!'s field names answering `{"tracking_id"}`,
and `GET {base}/reports?updated_since=<ISO>` answering `{"data": [records]}`. Both use
`Authorization: Bearer <token>`. The transport is injectable so the client is tested without
the real service."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from terbuka.saluran import lapor
from terbuka.saluran.models import LaporAccount, LaporLink

Transport = Callable[[str, str, dict | None, dict], Any]  # method, url, body, headers


class LaporUnavailable(RuntimeError):
    """No active token for this pemda, or LAPOR! did not answer as expected."""


def http_transport(method: str, url: str, body: dict | None, headers: dict) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={  # noqa: S310
        "Content-Type": "application/json", "Accept": "application/json", **headers})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.loads(response.read() or b"{}")


class LaporClient:
    def __init__(self, account: LaporAccount, transport: Transport = http_transport):
        self.account = account
        self.transport = transport

    @classmethod
    def for_pemda(cls, pemda, transport: Transport = http_transport) -> LaporClient:
        account = LaporAccount.objects.filter(pemda=pemda, is_active=True).first()
        if account is None or not account.token:
            raise LaporUnavailable(f"{pemda.slug} has no active SP4N-LAPOR! token.")
        return cls(account, transport)

    def _call(self, method: str, path: str, body: dict | None = None) -> Any:
        url = urllib.parse.urljoin(self.account.base_url.rstrip("/") + "/", path)
        try:
            return self.transport(method, url, body,
                                  {"Authorization": f"Bearer {self.account.token}"})
        except OSError as exc:
            raise LaporUnavailable(f"SP4N-LAPOR! did not answer: {exc}") from exc

    def push(self, pemda) -> dict[str, int]:
        """Send complaints LAPOR! does not have yet; store the id it gives back."""
        from terbuka.saluran.services import lapor_export

        sent = 0
        for record in lapor_export(actor=None, pemda=pemda):
            if record.lapor_id:
                continue
            answer = self._call("POST", "reports", lapor.to_wire(record))
            lapor_id = str((answer or {}).get(lapor.WIRE["lapor_id"]) or "")
            if not lapor_id:
                raise LaporUnavailable("SP4N-LAPOR! answered without a tracking id.")
            with transaction.atomic():
                LaporLink.objects.filter(pemda=pemda,
                                         complaint__tracking_number=record.nomor_terbuka
                                         ).update(lapor_id=lapor_id)
            sent += 1
        return {"sent": sent}

    def pull(self, pemda) -> dict:
        """Fetch reports changed since the last pull and import them (no duplicates)."""
        from terbuka.saluran.services import lapor_import

        since = self.account.last_pulled_at
        query = f"?updated_since={urllib.parse.quote(since.isoformat())}" if since else ""
        answer = self._call("GET", f"reports{query}")
        records = (answer or {}).get("data")
        if not isinstance(records, list):
            raise LaporUnavailable("SP4N-LAPOR! answered without a data list.")
        summary = lapor_import(actor=None, pemda=pemda, text=json.dumps(records), fmt="json")
        self.account.last_pulled_at = timezone.now()
        self.account.save(update_fields=["last_pulled_at"])
        return summary
