"""An uploaded logo, checked by its content and re-encoded to a clean PNG (pure: bytes in, bytes out)."""
import io
import warnings

from flask_babel import lazy_gettext as _l

MAX_SIDE = 1200  # pixels: more than a poster's logo area needs, also on A3


class LogoProblem(ValueError):
    """The upload is not a usable logo; `message` says why, in Dutch (a lazy msgid)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


TOO_BIG = _l("Je logo is te groot. Kies een bestand tot %(mb)s MB.")
NOT_AN_IMAGE = _l("Dit bestand is geen PNG- of JPEG-afbeelding. Kies een logo in PNG of JPEG.")
TOO_MANY_PIXELS = _l("Dit logo heeft te veel pixels. Kies een kleinere afbeelding, bijvoorbeeld 2000 op 2000 pixels.")
BROKEN = _l("We konden dit logo niet lezen. Het bestand is misschien beschadigd. Probeer een ander bestand.")


def clean_logo(data, max_bytes, max_pixels):
    """The logo as PNG bytes made by Pillow (no metadata, at most MAX_SIDE wide or high), or LogoProblem.

    Checked by content, not by name: only PNG and JPEG are opened. Pillow's decompression-bomb
    guard is set to `max_pixels` and its warning counts as an error, so a tiny file that declares
    a huge image is refused before it is decoded.
    """
    # Imported on first use: Pillow is large, and most workers never see an upload.
    from PIL import Image, UnidentifiedImageError

    if len(data) > max_bytes:
        raise LogoProblem(TOO_BIG % {"mb": max_bytes // (1024 * 1024) or 1})
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as image:
                if image.width * image.height > max_pixels:
                    raise LogoProblem(TOO_MANY_PIXELS)
                image.load()
                clean = _without_extras(image)
    except LogoProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise LogoProblem(TOO_MANY_PIXELS) from None
    except UnidentifiedImageError:
        raise LogoProblem(NOT_AN_IMAGE) from None
    except (OSError, SyntaxError, ValueError):  # truncated or corrupt data
        raise LogoProblem(BROKEN) from None
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _without_extras(image):
    """A new image with only the pixels: RGB or RGBA, at most MAX_SIDE per side; no EXIF, ICC or text chunks."""
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(image)  # a phone photo's rotation, before the EXIF goes
    mode = "RGBA" if image.mode in ("RGBA", "LA", "P", "PA") or "transparency" in image.info else "RGB"
    pixels = image.convert(mode)
    pixels.thumbnail((MAX_SIDE, MAX_SIDE))
    fresh = Image.new(mode, pixels.size)
    fresh.paste(pixels)
    return fresh
