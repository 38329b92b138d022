"""An organisation's logo is deleted by the retention run after MATERIALS_LOGO_DAYS; its link and code keep
working. The coordinators' dashboard counts the downloads per poster, paper size and organisation."""
import pytest

from helpers import make_config
from materials_helpers import image_bytes, pdf_images, upload_logo
from partners_helpers import sign_in


@pytest.fixture
def app_config(tmp_path, clock):
    return make_config(tmp_path, CLOCK=clock)


def test_the_retention_run_deletes_a_logo_after_90_days_and_the_posters_keep_their_code(app, client, db, clock,
                                                                                       runner):
    location = upload_logo(client, image_bytes(), name="Thuiszorg Oost").headers["Location"]
    clock.advance(days=89)
    assert "logos_deleted 0" in runner.invoke(args=["retention", "run"]).output
    assert client.get(location + "/logo.png").status_code == 200

    clock.advance(days=2)
    assert "logos_deleted 1" in runner.invoke(args=["retention", "run"]).output
    organisation = next(db["material_organisations"].rows)
    assert organisation["logo"] is None and organisation["logo_deleted_at"]
    assert client.get(location + "/logo.png").status_code == 404
    page = client.get(location).get_data(as_text=True)
    assert "Jullie logo is gewist" in page
    pdf = client.get(location + "/collega/a4.pdf")
    assert pdf.status_code == 200
    assert [image.mode for image in pdf_images(pdf.data)] == ["L"], "only the QR code is left"


def test_the_dashboard_counts_downloads_per_poster_paper_and_organisation(app, client, db):
    for _ in range(3):
        client.get("/materiaal/flyer/a4.pdf")
    client.get("/materiaal/flyer/a3.pdf")
    location = upload_logo(client, image_bytes(), name="WZC Hof ter Linden").headers["Location"]
    client.get(location + "/flyer/a3.pdf")
    sign_in(client, app)
    html = client.get("/rapporten/").get_data(as_text=True)
    block = html.split('id="blok-materiaal"', 1)[1].split("</table>", 1)[0]
    assert "Affiches gedownload" in html
    rows = [row for row in block.split("<tr") if "ZorgSamen: even stilstaan" in row]
    assert len(rows) == 2
    plain = next(r for r in rows if "zonder logo" in r)
    own = next(r for r in rows if "WZC Hof ter Linden" in r)
    assert ">3<" in plain and ">1<" in plain
    assert ">0<" in own and ">1<" in own
    csv = client.get("/rapporten/csv/materiaal.csv").get_data(as_text=True)
    assert "WZC Hof ter Linden" in csv
