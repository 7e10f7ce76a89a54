"""What kind of file an upload is: binary or text, its encoding and its CSV delimiter."""

from __future__ import annotations

import codecs
import csv
import io

import charset_normalizer
import filetype

SAMPLE_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")

# Signatures of files people rename to .csv by mistake, by what the report calls them.
_BINARY_KINDS = {
    "application/zip": "an Excel (XLSX) or ZIP file",
    "application/pdf": "a PDF document",
    "application/x-ole-storage": "an old Excel (XLS) file",
    "application/vnd.ms-excel": "an old Excel (XLS) file",
}


def read_sample(path: str, size: int = SAMPLE_BYTES) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def binary_kind(sample: bytes) -> str | None:
    """A description of the binary format `sample` starts with, or None for text."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if sample.startswith(b"\xd0\xcf\x11\xe0"):
        return _BINARY_KINDS["application/x-ole-storage"]
    kind = filetype.guess(sample)
    if kind is not None:
        return _BINARY_KINDS.get(kind.mime, f"a {kind.extension.upper()} file")
    if b"\x00" in sample:
        return "a binary file"
    return None


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else what charset-normalizer finds, with
    the Latin family read as Windows-1252 because that is what Excel on Windows writes."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        # A sample may end inside a multi-byte character; only the tail may be cut.
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        if err.start >= len(sample) - 3 and len(sample) >= SAMPLE_BYTES:
            return "utf-8"
    best = charset_normalizer.from_bytes(sample).best()
    name = (best.encoding if best else "cp1252").lower().replace("-", "_")
    if name in {"ascii", "latin_1", "iso8859_1", "iso8859_15", "cp1252", "windows_1252",
                "cp1250", "iso8859_2", "mac_roman", "cp850", "cp437"}:
        return "cp1252"
    return name


def decode_sample(sample: bytes, encoding: str) -> str:
    return sample.decode(encoding, errors="replace")


def sniff_delimiter(text: str, candidates: tuple[str, ...] = DELIMITERS) -> str:
    """The delimiter that splits the first lines into the same, largest number of cells.
    Ties go to the order of `candidates` (comma first)."""
    lines = text.splitlines()
    if len(text) >= SAMPLE_BYTES // 2 and len(lines) > 1:
        lines = lines[:-1]  # the last line of a sample may be cut short
    lines = [line for line in lines[:50] if line.strip()]
    if not lines:
        return ","
    best, best_score = ",", (0.0, 0)
    for delim in candidates:
        counts = [len(row) for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delim)]
        if not counts or max(counts) < 2:
            continue
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) / len(counts), mode)
        if mode > 1 and score > best_score:
            best, best_score = delim, score
    return best
