"""The poster's logo or photo: checked, made smaller and stripped of metadata.

An upload is opened with Pillow (the file's own bytes decide its type, not
its name or the browser's word for it), turned upright, made at most
``MAX_SIDE`` pixels on its longest side and saved again as PNG (with
transparency, as logos have) or JPEG. Saving anew leaves EXIF, GPS
positions, camera data and comments behind: a photo taken with a phone
must not tell where it was taken.
"""

from __future__ import annotations

import io
import uuid

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from collectief.lib.errors import ServiceError

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 800
# Pillow's guard against decompression bombs is a warning at 89 Mpx; refuse
# much earlier, before decoding.
MAX_PIXELS = 40_000_000
FORMATS = {"PNG", "JPEG", "WEBP"}


def clean_image(upload: object) -> ContentFile[bytes]:
    """A new, clean image file from an upload, or a ServiceError in Dutch."""
    size = getattr(upload, "size", None) or 0
    if size > MAX_BYTES:
        raise ServiceError(
            _("The image is too large: at most %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)},
            field="image",
        )
    try:
        upload.seek(0)  # type: ignore[attr-defined]
        data = upload.read()  # type: ignore[attr-defined]
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
        if kind not in FORMATS:
            raise UnidentifiedImageError(kind)
        if width * height > MAX_PIXELS:
            raise ServiceError(_("The image has too many pixels."), field="image")
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            picture = ImageOps.exif_transpose(image)
            picture.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
            # Saving without exif=, icc_profile= or pnginfo= writes the pixels only.
            if has_alpha:
                picture.convert("RGBA").save(out, format="PNG", optimize=True)
                extension = "png"
            else:
                picture.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
                extension = "jpg"
    except ServiceError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ServiceError(
            _("This is not an image we can use. Choose a PNG, JPEG or WebP file."),
            field="image",
        ) from exc
    return ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")
