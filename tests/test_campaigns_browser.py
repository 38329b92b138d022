"""The coordinators' campaign page in a phone-sized browser: a new code, its QR code, axe-core clean."""
from urllib.parse import urlsplit

from helpers import axe_violations, screenshot
from partners_helpers import create_user, sign_in_browser


def test_a_coordinator_makes_a_campaign_code_on_a_phone(app, live_server, phone):
    user = create_user(app, role="coordinator")
    sign_in_browser(phone, live_server.url, app, user, next_url="/rapporten/campagnes/")
    phone.wait_for_url(lambda url: urlsplit(url).path == "/rapporten/campagnes/")
    assert axe_violations(phone) == ""
    phone.get_by_role("textbox", name="Naam").fill("Affiche AZ Sint-Jan")
    phone.get_by_label("Soort").select_option("poster")
    phone.get_by_role("textbox", name="Code").fill("affiche-az-sint-jan")
    phone.get_by_role("button", name="Maak de code").click()
    section = phone.locator("#campagne-affiche-az-sint-jan")
    section.wait_for()
    assert "/c/affiche-az-sint-jan" in section.inner_text()
    assert section.locator("svg").count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    screenshot(phone, "campaigns-phone")
    assert axe_violations(phone) == ""
    phone.watch.assert_clean()
