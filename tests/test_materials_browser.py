"""The materials page on a phone: axe clean, fits the screen, an upload leads to the organisation's posters."""
from helpers import axe_violations, screenshot
from materials_helpers import image_bytes


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_phone_downloads_a_poster_and_makes_its_organisations_posters(live_server, phone, tmp_path):
    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="Affiches voor je werk").click()
    phone.wait_for_url("**/materiaal")
    assert axe_violations(phone) == ""
    assert fits_the_screen(phone)
    screenshot(phone, "materials-index")

    with phone.expect_download() as download:
        phone.locator('a[href="/materiaal/collega/a4.pdf"]').click()
    path = tmp_path / "poster.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF-")

    logo = tmp_path / "logo.png"
    logo.write_bytes(image_bytes())
    phone.get_by_label("Naam van je organisatie").fill("AZ Zeezicht")
    phone.get_by_label("Logo (PNG of JPEG)").set_input_files(str(logo))
    phone.get_by_role("button", name="Maak onze affiches").click()
    phone.wait_for_url("**/materiaal/organisatie/*")
    assert phone.get_by_role("heading", level=1).inner_text() == "De affiches van AZ Zeezicht"
    assert phone.get_by_role("img", name="Jullie logo").is_visible()
    assert axe_violations(phone) == ""
    assert fits_the_screen(phone)
    screenshot(phone, "materials-organisation")
    phone.watch.assert_clean()


def test_a_wrong_file_shows_the_message_at_the_field(live_server, phone, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("geen afbeelding")
    phone.goto(live_server.url + "/materiaal")
    phone.get_by_label("Naam van je organisatie").fill("AZ Zeezicht")
    phone.get_by_label("Logo (PNG of JPEG)").set_input_files(str(fake))
    phone.get_by_role("button", name="Maak onze affiches").click()
    error = phone.locator("#m-logo-error")
    error.wait_for()
    assert "geen PNG- of JPEG-afbeelding" in error.inner_text()
    assert phone.get_by_label("Naam van je organisatie").input_value() == "AZ Zeezicht"
    assert axe_violations(phone) == ""
