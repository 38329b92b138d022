"""Posters and materials: the section page, every PDF, the logo upload's checks, the organisation's link, counts."""
import io

import pytest
from PIL import Image

from materials_helpers import UPLOAD, image_bytes, upload_logo
from screener.materials.posters import POSTERS


def test_the_section_page_offers_each_poster_and_the_flyer_in_a4_and_a3(client):
    html = client.get("/materiaal").get_data(as_text=True)
    assert "Affiches en materiaal" in html
    assert sum(p.kind == "poster" for p in POSTERS) >= 3 and any(p.kind == "flyer" for p in POSTERS)
    for poster in POSTERS:
        for paper in ("a4", "a3"):
            assert f'href="/materiaal/{poster.key}/{paper}.pdf"' in html
    assert "tel:1813" in html  # the crisis numbers of every page


@pytest.mark.parametrize("key", [p.key for p in POSTERS])
@pytest.mark.parametrize("paper, width_pt", [("a4", "595.28"), ("a3", "841.89")])
def test_each_poster_is_a_pdf_of_its_paper_size(client, key, paper, width_pt):
    response = client.get(f"/materiaal/{key}/{paper}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert f"/MediaBox [0 0 {width_pt}".encode() in response.data
    assert f'filename="zorgsamen-{key}-{paper}.pdf"' in response.headers["Content-Disposition"]


def test_an_unknown_poster_or_paper_size_is_a_dutch_404(client):
    for url in ("/materiaal/bestaat-niet/a4.pdf", "/materiaal/flyer/a5.pdf"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Deze affiche bestaat niet" in response.get_data(as_text=True)


# --- the logo upload ---------------------------------------------------------------------------

def test_a_text_file_named_png_is_refused_with_a_dutch_message(client, db):
    response = upload_logo(client, b"dit is geen afbeelding\n" * 20, filename="logo.png")
    assert response.status_code == 422
    assert "geen PNG- of JPEG-afbeelding" in response.get_data(as_text=True)
    assert db["material_organisations"].count == 0


def test_a_gif_is_refused_even_though_pillow_reads_it(client, db):
    response = upload_logo(client, image_bytes("GIF"), filename="logo.png")
    assert response.status_code == 422 and "geen PNG- of JPEG-afbeelding" in response.get_data(as_text=True)


def test_a_logo_just_over_the_limit_gets_a_dutch_message(app, client, db):
    app.config["MATERIALS_LOGO_MAX_BYTES"] = 1024 * 1024
    big = image_bytes() + b"\0" * (1024 * 1024)  # a real PNG with trailing bytes: over 1 MB
    response = upload_logo(client, big)
    assert response.status_code == 422
    assert "Je logo is te groot. Kies een bestand tot 1 MB." in response.get_data(as_text=True)
    assert db["material_organisations"].count == 0


def test_a_far_too_large_upload_gets_the_form_again_with_a_dutch_message_not_a_bare_413(client, db):
    response = upload_logo(client, b"\0" * (5 * 1024 * 1024))
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Je logo is te groot. Kies een bestand tot 2 MB." in html and 'name="naam"' in html
    assert db["material_organisations"].count == 0


def test_a_decompression_bomb_is_refused_before_it_is_decoded(client, db):
    bomb = io.BytesIO()
    Image.new("1", (20000, 20000)).save(bomb, format="PNG")  # 400 million pixels in a few KB
    assert len(bomb.getvalue()) < 100_000
    response = upload_logo(client, bomb.getvalue())
    assert response.status_code == 422
    assert "Dit logo heeft te veel pixels" in response.get_data(as_text=True)
    assert db["material_organisations"].count == 0


def test_a_logo_over_the_pixel_limit_but_under_pillows_own_alarm_is_refused_too(app, client):
    app.config["MATERIALS_LOGO_MAX_PIXELS"] = 10_000
    response = upload_logo(client, image_bytes(size=(200, 100)))  # 20,000 pixels
    assert response.status_code == 422 and "te veel pixels" in response.get_data(as_text=True)


def test_a_missing_name_or_file_gets_one_message_each(client):
    response = upload_logo(client, None, name="")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Vul de naam van je organisatie in." in html and "Kies een logo in PNG of JPEG." in html


def test_an_upload_without_the_forms_token_is_refused(client, db):
    response = client.post(UPLOAD, data={"naam": "X", "logo": (io.BytesIO(image_bytes()), "l.png")},
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Je formulier was verlopen" in html and 'value="X"' in html
    assert db["material_organisations"].count == 0


@pytest.mark.parametrize("fmt, extra", [("PNG", {}), ("JPEG", {"exif": b"Exif\0\0MM\0*\0\0\0\x08\0\0\0\0\0\0"})])
def test_a_png_or_jpeg_is_accepted_and_stored_re_encoded_as_png(client, db, fmt, extra):
    original = image_bytes(fmt, size=(3000, 1000), **extra)
    response = upload_logo(client, original, filename="logo.jpg" if fmt == "JPEG" else "logo.png")
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/materiaal/organisatie/")
    stored = next(db["material_organisations"].rows)
    token = location.rsplit("/", 1)[1]
    assert token not in str(stored), "only the link's hash is stored"
    assert stored["logo"] != original and stored["logo"].startswith(b"\x89PNG")
    kept = Image.open(io.BytesIO(stored["logo"]))
    assert kept.format == "PNG" and max(kept.size) == 1200 and "exif" not in kept.info

    page = client.get(location)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert "De affiches van AZ Sint-Jan Brugge" in page.get_data(as_text=True)
    served = client.get(location + "/logo.png")
    assert served.mimetype == "image/png" and served.data == stored["logo"]
    pdf = client.get(location + "/collega/a3.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")


def test_an_unknown_private_link_is_a_dutch_404(client):
    response = client.get("/materiaal/organisatie/geraden-token")
    assert response.status_code == 404 and "Deze link werkt niet" in response.get_data(as_text=True)


# --- counting -----------------------------------------------------------------------------------

def test_downloads_are_counted_per_day_poster_paper_and_organisation(client, db):
    client.get("/materiaal/collega/a4.pdf")
    client.get("/materiaal/collega/a4.pdf")
    client.get("/materiaal/flyer/a3.pdf")
    client.get("/materiaal/collega/a4.pdf", headers={"User-Agent": "Googlebot/2.1"})
    location = upload_logo(client, image_bytes()).headers["Location"]
    client.get(location + "/collega/a4.pdf")
    code = next(db["material_organisations"].rows)["code"]
    counts = {(r["poster"], r["paper"], r["organisation"]): r["count"] for r in db["material_downloads"].rows}
    assert counts == {("collega", "a4", ""): 2, ("flyer", "a3", ""): 1, ("collega", "a4", code): 1}
    assert set(next(db["material_downloads"].rows)) == {"day", "poster", "paper", "organisation", "count"}
