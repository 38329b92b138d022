"""The posters' PDFs read back without a PDF library: the QR code's image is the one segno makes of
BASE_URL/c/<code> (the poster's fixed code, or the organisation's own), with the short address, the
crisis numbers and Dutch letters in the text."""
import io

import pytest
import segno
from PIL import Image, ImageChops

from helpers import make_config
from materials_helpers import image_bytes, pdf_images, pdf_text, upload_logo
from screener.materials.pdf import QR_BORDER, QR_SCALE

BASE = "https://zorgsamen.example.be"


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, BASE_URL=BASE + "/")


def qr_of(payload):
    """What segno draws for `payload`, as the greyscale image a scanner sees."""
    out = io.BytesIO()
    segno.make(payload, error="m").save(out, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def same_image(a, b):
    return a.size == b.size and ImageChops.difference(a, b).getbbox() is None


def the_qr(pdf):
    greys = [image for image in pdf_images(pdf) if image.mode == "L"]
    assert len(greys) == 1, "one QR code per poster"
    return greys[0]


def test_the_plain_posters_qr_code_leads_to_base_url_c_and_its_fixed_code(client, db):
    pdf = client.get("/materiaal/collega/a4.pdf").data
    qr = the_qr(pdf)
    assert same_image(qr, qr_of(f"{BASE}/c/poster-collega"))
    assert not same_image(qr, qr_of(f"{BASE}/c/poster-hoe"))
    text = pdf_text(pdf)
    assert "zorgsamen.example.be/c/poster-collega" in text
    assert "1813" in text and "106" in text and "112" in text
    assert db["campaigns"].get("poster-collega")["kind"] == "poster"


def test_dutch_letters_are_printed_as_they_are(client):
    text = pdf_text(client.get("/materiaal/hoe-gaat-het/a3.pdf").data)
    assert "Hoe gaat het écht" in text  # windows-1252 in the PDF, read back as Latin-1: é is one byte


def test_the_organisations_poster_carries_its_logo_and_its_own_code(client, db):
    location = upload_logo(client, image_bytes(size=(400, 100)), name="WZC De Linde").headers["Location"]
    organisation = next(db["material_organisations"].rows)
    code = organisation["code"]
    assert code.startswith("org-") and db["campaigns"].get(code)["kind"] == "organisation"

    pdf = client.get(location + "/wie-zorgt-voor-jou/a4.pdf").data
    assert same_image(the_qr(pdf), qr_of(f"{BASE}/c/{code}"))
    logos = [image for image in pdf_images(pdf) if image.mode == "RGB"]
    assert [image.size for image in logos] == [Image.open(io.BytesIO(organisation["logo"])).size]
    text = pdf_text(pdf)
    assert f"zorgsamen.example.be/c/{code}" in text and "WZC De Linde" in text and "1813" in text


def test_two_organisations_get_different_codes(client, db):
    upload_logo(client, image_bytes(), name="Een")
    upload_logo(client, image_bytes(), name="Twee")
    codes = [row["code"] for row in db["material_organisations"].rows]
    assert len(set(codes)) == 2
