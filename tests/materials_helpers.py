"""What the materials tests share: logos to upload, the upload itself, and reading a PDF without a PDF library."""
import io
import re
import struct
import zlib

from PIL import Image

from helpers import post_form

UPLOAD = "/materiaal/organisatie"


def image_bytes(fmt="PNG", size=(300, 120), mode="RGB", **save):
    """A small real image in `fmt`."""
    out = io.BytesIO()
    Image.new(mode, size, (20, 120, 90) if mode == "RGB" else 1).save(out, format=fmt, **save)
    return out.getvalue()


def upload_logo(client, data, filename="logo.png", name="AZ Sint-Jan Brugge"):
    """Post the organisation form with `data` as its logo file (None: no file), with the page's CSRF token."""
    fields = {"naam": name} if data is None else {"naam": name, "logo": (io.BytesIO(data), filename)}
    return post_form(client, UPLOAD, fields, page="/materiaal", content_type="multipart/form-data")


_OBJECT = re.compile(rb"obj\s*<<((?:(?!endobj).)*?)>>\s*stream\r?\n", re.S)


def _streams(pdf):
    """(dictionary text, raw stream bytes) of every stream object in a PDF made by fpdf2."""
    for match in _OBJECT.finditer(pdf):
        head = match.group(1)
        length = int(re.search(rb"/Length (\d+)", head).group(1))
        yield head, pdf[match.end():match.end() + length]


def pdf_images(pdf):
    """The PDF's images as Pillow images (fpdf2 stores PNG-predicted Flate data: exactly a PNG's IDAT)."""
    images = []
    for head, data in _streams(pdf):
        if b"/Subtype /Image" not in head or b"/SMask" in head and b"/DeviceGray" in head:
            continue
        width = int(re.search(rb"/Width (\d+)", head).group(1))
        height = int(re.search(rb"/Height (\d+)", head).group(1))
        colour = 0 if b"/DeviceGray" in head else 2

        def chunk(kind, body):
            return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

        png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0))
               + chunk(b"IDAT", data) + chunk(b"IEND", b""))
        images.append(Image.open(io.BytesIO(png)).convert("L" if colour == 0 else "RGB"))
    return images


def pdf_text(pdf):
    """The decompressed page contents (the drawn text in PDF string syntax)."""
    return b"".join(zlib.decompress(data) for head, data in _streams(pdf)
                    if b"/Subtype /Image" not in head and b"/FlateDecode" in head).decode("latin-1")
