"""The privacy page: plain Dutch, the real retention periods, readable on a phone."""
from helpers import axe_violations, screenshot


def test_privacy_page_states_the_configured_periods_and_how_to_ask(app, client):
    app.config.update(RETENTION_CONTACT_DAYS=60, RETENTION_ABANDONED_DAYS=21, PRIVACY_EMAIL="privacy@zorgsamen.be")
    text = client.get("/privacy").get_data(as_text=True)
    assert "Tot 60 dagen nadat de hulpverlener je aanvraag afsloot" in text
    assert "na 21 dagen" in text and "2 jaar, zodat" in text
    app.config["RETENTION_AUDIT_DAYS"] = 400
    assert "400 dagen, zodat" in client.get("/privacy").get_data(as_text=True)
    assert 'href="mailto:privacy@zorgsamen.be"' in text
    assert "alleen de datum van je eerste bezoek" in text
    assert "Gegevensbeschermingsautoriteit" in text
    assert "Je werkgever ziet niets." in text


def test_privacy_page_on_a_phone(live_server, phone):
    phone.goto(live_server.url + "/privacy")
    assert phone.locator("h1").inner_text() == "Privacy"
    screenshot(phone, "privacy")
    assert axe_violations(phone) == ""
    # Nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.watch.assert_clean()
