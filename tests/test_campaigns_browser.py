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


def test_from_a_qr_link_through_the_screener_with_the_returning_question(app, db, live_server, phone):
    from screener import clock
    from screener.campaigns import queries
    from screener.campaigns.codes import ensure_code
    from screener.db import get_db
    from test_screening_browser import LOW, answer, heading

    from playwright.sync_api import expect

    with app.app_context():
        ensure_code(get_db(), code="affiche-az-sint-jan", kind="poster", label="Affiche AZ Sint-Jan", now=clock.now())
    phone.goto(live_server.url + "/c/affiche-az-sint-jan")
    assert urlsplit(phone.url).path == "/screener" and "affiche" not in phone.url
    phone.get_by_role("button", name="Start de screener").click()
    for number, value in enumerate(LOW, 1):
        answer(phone, number, value)
    assert axe_violations(phone) == ""
    phone.get_by_label("Heb je deze screener al eens ingevuld?").select_option("ja")
    phone.get_by_role("button", name="Toon mijn resultaat").click()
    expect(heading(phone)).to_have_text("Het lijkt goed met je te gaan")
    assert queries.tallies(db, "2000-01-01", "2100-01-01") == {
        "affiche-az-sint-jan": {"visit": 1, "screening_started": 1, "screening_completed": 1}}
    assert queries.returning_answers(db, "2000-01-01", "2100-01-01") == {"ja": 1}
    # Only the site's own cookies (the session and the visits' first-visit date): none for the campaign.
    assert {c["name"] for c in phone.context.cookies()} <= {app.config["SESSION_COOKIE_NAME"], "zs_eerste"}
    phone.watch.assert_clean()
