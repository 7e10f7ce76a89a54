"""Checking and cleaning uploaded attachments.

The type is read from the file's content (filetype's magic numbers), never from its name or
the browser's claim. Images are decoded and re-encoded with Pillow, which drops EXIF (camera,
GPS position, time) and any data hidden after the image; PDFs are kept as they are.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
MAX_PIXELS = 40_000_000
IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
DOCUMENT_TYPES = {"application/pdf": "pdf"}
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp",
              "application/pdf": "pdf"}


@dataclass
class CleanFile:
    name: str
    content_type: str
    data: bytes


def _fail(message: str) -> ValidationError:
    return ValidationError({"attachments": [message]})


def clean(upload, *, field: str = "attachments") -> CleanFile:
    """A checked, metadata-free copy of `upload` (a Django UploadedFile or (name, bytes))."""
    if isinstance(upload, tuple):
        name, data = upload
    else:
        name = getattr(upload, "name", "") or ""
        if getattr(upload, "size", 0) and upload.size > MAX_BYTES:
            raise _fail(_("“%(name)s” is larger than %(max)s MB.")
                        % {"name": name, "max": MAX_BYTES // (1024 * 1024)})
        data = upload.read(MAX_BYTES + 1)
    name = str(name)[-120:]
    if len(data) > MAX_BYTES:
        raise _fail(_("“%(name)s” is larger than %(max)s MB.")
                    % {"name": name, "max": MAX_BYTES // (1024 * 1024)})
    if not data:
        raise _fail(_("“%(name)s” is empty.") % {"name": name})
    kind = filetype.guess(data)
    mime = kind.mime if kind else ""
    if mime in DOCUMENT_TYPES:
        return CleanFile(name=name, content_type=mime, data=data)
    if mime not in IMAGE_TYPES:
        raise _fail(_("“%(name)s” is not a photo (JPEG, PNG, WebP) or a PDF document, "
                      "whatever its name says.") % {"name": name})
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise _fail(_("“%(name)s” has too many pixels.") % {"name": name})
            image.load()
            # Keep the orientation the camera recorded, then drop every metadata block.
            orientation = (image.getexif() or {}).get(0x0112)
            clean_image = image.copy()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise _fail(_("“%(name)s” is not a readable image.") % {"name": name}) from exc
    rotate = {3: 180, 6: 270, 8: 90}.get(orientation)
    if rotate:
        clean_image = clean_image.rotate(rotate, expand=True)
    fmt = IMAGE_TYPES[mime]
    if fmt == "JPEG" and clean_image.mode not in ("RGB", "L"):
        clean_image = clean_image.convert("RGB")
    clean_image.info.clear()
    out = io.BytesIO()
    clean_image.save(out, format=fmt, **({"quality": 88} if fmt in ("JPEG", "WEBP") else {}))
    return CleanFile(name=name, content_type=mime, data=out.getvalue())


def clean_all(uploads) -> list[CleanFile]:
    uploads = [u for u in (uploads or []) if u]
    if len(uploads) > MAX_FILES:
        raise _fail(_("At most %(max)s files may be attached.") % {"max": MAX_FILES})
    return [clean(u) for u in uploads]
