"""Gammu SMSD "files" backend spool: reading the inbox, writing the outbox.

Plain functions over a directory; no Django. The formats are gammu-smsd-files(7) and
gammu-smsdrc(5):

* received messages are `IN<YYYYMMDD>_<HHMMSS>_<serial>_<sender>_<sequence>.<ext>`, one file
  per part of a multipart message (formats "unicode" and "standard"; "detail" puts all parts
  in one smsbackup file, which we do not read). `ext` is `txt` for text and `bin` for 8-bit
  messages. With `InboxFormat = unicode` (the upstream default) the text is UTF-16 with a byte
  order mark (Gammu 1.42 writes it big-endian, FE FF); with `standard` it is in the system
  charset, UTF-8 on Debian.
* messages to send are `OUT<priority><YYYYMMDD>_<HHMMSS>_<serial>_<recipient>_<note>.txt`
  (priority A–Z, A first). A `.txt` file that starts with a UTF-16 BOM is read as Unicode; we
  always write that way so Indonesian and regional names keep their letters.

Files are claimed by renaming them into a `processing/` folder beside the inbox before they
are read, so two workers never take the same message, and moved to `done/` (or `failed/`)
afterwards, never deleted: the spool is the record of what arrived.
"""

from __future__ import annotations

import datetime
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

INBOX_NAME = re.compile(
    r"^IN(?P<date>\d{8})_(?P<time>\d{6})_(?P<serial>\d{2})_(?P<sender>[^_/\\]{1,40})"
    r"_(?P<sequence>\d{2})\.(?P<ext>txt|bin)$"
)
# Characters Gammu and the operator accept in a number; anything else is refused.
NUMBER = re.compile(r"^\+?[0-9A-Za-z]{2,20}$")
BOM_UTF16 = (b"\xff\xfe", b"\xfe\xff")


class SpoolError(ValueError):
    """A file or number the spool functions cannot handle."""


@dataclass
class InboxMessage:
    """One received message, its parts joined in sequence order."""

    sender: str
    received_at: datetime.datetime
    text: str
    files: list[Path] = field(default_factory=list)
    binary: bool = False

    @property
    def key(self) -> str:
        """Stable identity of the message: its first file's name."""
        return self.files[0].name if self.files else ""


@dataclass(frozen=True)
class InboxName:
    received_at: datetime.datetime
    serial: str
    sender: str
    sequence: int
    ext: str


def parse_inbox_name(name: str) -> InboxName | None:
    match = INBOX_NAME.match(name)
    if not match:
        return None
    try:
        when = datetime.datetime.strptime(match["date"] + match["time"], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return InboxName(when, match["serial"], match["sender"], int(match["sequence"]),
                     match["ext"])


def decode(raw: bytes) -> str:
    """Text of an inbox file whatever InboxFormat wrote it: UTF-16 with BOM, UTF-8, or (an
    older system charset) Latin-1, which never fails."""
    if raw.startswith(BOM_UTF16):
        return raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def claim(inbox: Path, work: Path) -> list[Path]:
    """Move every inbox file into `work` (atomic renames on one filesystem) and return the
    moved paths. Files another worker took first are skipped."""
    work.mkdir(parents=True, exist_ok=True)
    taken = []
    for path in sorted(inbox.iterdir()):
        if not path.is_file() or not path.name.startswith("IN"):
            continue
        target = work / path.name
        try:
            os.rename(path, target)
        except FileNotFoundError:
            continue
        taken.append(target)
    return taken


def group(paths: list[Path]) -> tuple[list[InboxMessage], list[Path]]:
    """Messages assembled from claimed files, and the files whose names are not Gammu's.

    Parts of one multipart message share date, time, serial and sender and differ in sequence;
    a part missing in between is kept as a gap marker rather than silently joined."""
    groups: dict[tuple, list[tuple[InboxName, Path]]] = {}
    strange: list[Path] = []
    for path in paths:
        name = parse_inbox_name(path.name)
        if name is None:
            strange.append(path)
            continue
        key = (name.received_at, name.serial, name.sender)
        groups.setdefault(key, []).append((name, path))
    messages = []
    for (when, _serial, sender), parts in sorted(groups.items(), key=lambda kv: kv[0]):
        parts.sort(key=lambda item: item[0].sequence)
        texts, binary = [], False
        expected = parts[0][0].sequence
        for name, path in parts:
            if name.sequence != expected:
                texts.append(" […] ")
            expected = name.sequence + 1
            if name.ext == "bin":
                binary = True
                continue
            texts.append(decode(path.read_bytes()))
        messages.append(InboxMessage(sender=sender, received_at=when, text="".join(texts),
                                     files=[p for _, p in parts], binary=binary))
    return messages, strange


def read_inbox(inbox: Path, work: Path) -> tuple[list[InboxMessage], list[Path]]:
    return group(claim(inbox, work))


def finish(paths: list[Path], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        if path.exists():
            os.replace(path, folder / path.name)


def outbox_name(recipient: str, *, when: datetime.datetime | None = None, priority: str = "A",
                note: str | None = None) -> str:
    if not NUMBER.match(recipient or ""):
        raise SpoolError(f"Not a phone number Gammu can send to: {recipient!r}")
    if len(priority) != 1 or not "A" <= priority <= "Z":
        raise SpoolError(f"Priority is one letter A–Z, not {priority!r}")
    when = when or datetime.datetime.now()
    note = note or secrets.token_hex(4)
    if not re.fullmatch(r"[A-Za-z0-9-]{1,32}", note):
        raise SpoolError(f"Note is letters, digits and dashes, not {note!r}")
    return f"OUT{priority}{when:%Y%m%d_%H%M%S}_00_{recipient}_{note}.txt"


def write_outbox(outbox: Path, recipient: str, text: str, *,
                 when: datetime.datetime | None = None, note: str | None = None) -> Path:
    """Queue one SMS for Gammu. Written under a dot-name then renamed, so gammu-smsd never
    picks up half a file (it only takes names starting with OUT)."""
    outbox.mkdir(parents=True, exist_ok=True)
    name = outbox_name(recipient, when=when, note=note)
    final = outbox / name
    temporary = outbox / f".{name}.tmp"
    temporary.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    os.replace(temporary, final)
    return final


def iter_outbox(outbox: Path) -> Iterator[tuple[str, str]]:
    """(recipient, text) of every queued message (for tests and the status page)."""
    for path in sorted(outbox.glob("OUT*.txt")):
        match = re.match(r"^OUT(?:[A-Z]\d{8}_\d{6}_\d{2}_|[A-Z]_)?(?P<to>[^_.]+)", path.name)
        yield (match["to"] if match else "", decode(path.read_bytes()))
