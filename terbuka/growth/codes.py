"""Cleaning of coded inputs (sex, measuring position, oedema), vectorised over unique values.

WHO anthro accepts sex 1/2/m/f, position l/h and oedema y/n/1/2. Posyandu registers also
write Indonesian codes (L = laki-laki, P = perempuan; PB = panjang badan lying, TB = tinggi
badan standing), so those are accepted as well; they never collide with a WHO code.
Anything else is reported back so the caller can say which row and why.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

SEX_CODES: Mapping[str, int] = {
    "1": 1, "m": 1, "male": 1, "l": 1, "laki-laki": 1, "laki laki": 1, "lk": 1,
    "2": 2, "f": 2, "female": 2, "p": 2, "perempuan": 2, "pr": 2,
}  # fmt: skip
MEASURE_CODES: Mapping[str, int] = {
    "l": 1, "length": 1, "lying": 1, "recumbent": 1, "pb": 1, "berbaring": 1, "terlentang": 1,
    "h": 2, "height": 2, "standing": 2, "tb": 2, "berdiri": 2,
}  # fmt: skip
OEDEMA_CODES: Mapping[str, int] = {
    "y": 1, "yes": 1, "1": 1, "ya": 1, "true": 1,
    "n": 0, "no": 0, "2": 0, "0": 0, "tidak": 0, "t": 0, "false": 0,
}  # fmt: skip

_MISSING_TEXT = frozenset({"nan", "none", "na", "<na>", "n/a", "-"})

MEASURE_LYING = 1
MEASURE_STANDING = 2


def _normalise(value: object) -> str | None:
    """Text key for a raw code; None means missing. 1.0 and 1 are the same code."""
    if value is None:
        return None
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return None
        if float(value).is_integer():
            value = int(value)
    text = str(value).strip().lower()
    try:
        number = float(text)
    except ValueError:
        return text or None
    # "1.0" in a CSV is the code 1, not an unknown code.
    return str(int(number)) if number.is_integer() else text


def _clean_single_chars(
    arr: np.ndarray, mapping: Mapping[str, int], missing: int
) -> tuple[np.ndarray, np.ndarray]:
    """One-character codes ('l'/'h', 'm'/'f', '1'/'2'): a lookup table over code points."""
    points = arr.view(np.uint32).reshape(arr.shape)
    size = max(int(points.max(initial=0)) + 1, 128)
    lut = np.full(size, missing, dtype=np.int8)
    lut_bad = np.ones(size, dtype=bool)
    lut_bad[[0, ord(" ")]] = False  # "" (NUL padding) and a blank are missing, not bad
    for key, code in mapping.items():
        if len(key) == 1:
            for variant in {key, key.upper()}:
                if ord(variant) < size:
                    lut[ord(variant)] = code
                    lut_bad[ord(variant)] = False
    return lut[points], lut_bad[points]


def clean_codes(
    raw: object, mapping: Mapping[str, int], missing: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Map raw codes to small integers.

    Returns ``(codes, bad)``: ``codes`` is int8 with ``missing`` for missing or unknown
    values; ``bad`` is a boolean mask of values that were present but not understood.
    Integer input takes a fast path; other input is mapped once per distinct value.
    """
    arr = np.asarray(raw)
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.dtype.kind in "iu":
        codes = np.full(arr.shape, missing, dtype=np.int8)
        bad = np.ones(arr.shape, dtype=bool)
        for key, code in mapping.items():
            if key.isdigit():
                hit = arr == int(key)
                codes[hit] = code
                bad[hit] = False
        return codes, bad
    if arr.dtype.kind == "U" and arr.dtype.itemsize == 4:
        return _clean_single_chars(arr, mapping, missing)
    if arr.dtype.kind == "f":
        # Float codes (a numeric column with blanks read as NaN) are integers or NaN.
        uniq, inverse = np.unique(arr, return_inverse=True)
    else:
        # astype(str) turns None/NaN into "None"/"nan", which _MISSING_TEXT treats as missing.
        uniq, inverse = np.unique(arr.astype(object).astype(str), return_inverse=True)
    lut = np.full(len(uniq), missing, dtype=np.int8)
    lut_bad = np.zeros(len(uniq), dtype=bool)
    for i, value in enumerate(uniq):
        key = _normalise(value)
        if key is None or key in _MISSING_TEXT:
            continue
        code = mapping.get(key)
        if code is None:
            lut_bad[i] = True
        else:
            lut[i] = code
    inverse = inverse.reshape(arr.shape)
    return lut[inverse], lut_bad[inverse]
