"""Where and when a photo was taken, read from its EXIF block with Pillow.

Pure: takes bytes or a file object, returns plain values; no Django. Cameras and phones write
GPS latitude/longitude as three rationals (degrees, minutes, seconds) plus a hemisphere
reference (N/S, E/W); a missing or malformed block is "no location", never an error.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PIL import Image, UnidentifiedImageError

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
DATETIME_ORIGINAL = 36867
# GPS IFD tags (EXIF 2.3, table 15)
LAT_REF, LAT, LON_REF, LON = 1, 2, 3, 4

SIX_PLACES = Decimal("0.000001")


@dataclass(frozen=True)
class PhotoFacts:
    latitude: Decimal | None
    longitude: Decimal | None
    taken_at: datetime.datetime | None
    width: int
    height: int

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class NotAnImage(ValueError):
    pass


def _to_degrees(value, ref) -> Decimal | None:
    try:
        d, m, s = (Decimal(str(float(part))) for part in value)
    except (TypeError, ValueError, ZeroDivisionError, ArithmeticError):
        return None
    degrees = d + m / 60 + s / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if str(ref).strip().upper() in ("S", "W"):
        degrees = -degrees
    return degrees.quantize(SIX_PLACES, rounding=ROUND_HALF_UP)


def _taken_at(exif) -> datetime.datetime | None:
    raw = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL) or exif.get(306)  # 306: DateTime
    if not raw:
        return None
    try:
        return datetime.datetime.strptime(str(raw).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def read(data: bytes) -> PhotoFacts:
    """Location (decimal degrees, 6 places), time taken and size of an image. Raises
    NotAnImage when the bytes are not an image Pillow can open."""
    try:
        image = Image.open(io.BytesIO(data))
        image.verify()
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise NotAnImage(str(exc)) from exc
    exif = image.getexif()
    gps = exif.get_ifd(GPS_IFD)
    lat = lon = None
    if gps.get(LAT) and gps.get(LON):
        lat = _to_degrees(gps[LAT], gps.get(LAT_REF, "N"))
        lon = _to_degrees(gps[LON], gps.get(LON_REF, "E"))
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            lat = lon = None
    return PhotoFacts(lat, lon, _taken_at(exif), image.width, image.height)


def without_metadata(data: bytes, *, max_side: int = 1600) -> bytes:
    """The image re-encoded as JPEG without EXIF (device serials, owner names stay out of
    public pages), rotated upright and scaled down to `max_side`."""
    from PIL import ImageOps

    image = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
    image = image.convert("RGB")
    image.thumbnail((max_side, max_side))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def jpeg_with_gps(lat: float | None, lon: float | None, *, size=(32, 24),
                  taken_at: datetime.datetime | None = None) -> bytes:
    """A small JPEG carrying the given GPS position, as a phone would write it (for tests and
    demo data)."""
    from PIL.TiffImagePlugin import IFDRational

    image = Image.new("RGB", size, (90, 140, 90))
    exif = Image.Exif()

    def dms(value: float):
        value = abs(value)
        d = int(value)
        m = int((value - d) * 60)
        s = round((value - d - m / 60) * 3600, 4)
        return (IFDRational(d, 1), IFDRational(m, 1), IFDRational(int(s * 10000), 10000))

    if lat is not None and lon is not None:
        exif[GPS_IFD] = {
            LAT_REF: "S" if lat < 0 else "N", LAT: dms(lat),
            LON_REF: "W" if lon < 0 else "E", LON: dms(lon),
        }
    if taken_at is not None:
        exif[306] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()
