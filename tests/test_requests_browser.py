"""On a phone: the screener (red band) -> request -> confirmation -> the team's e-mail in the
development mailbox, with JavaScript on and off; axe clean."""
import re

import pytest
from playwright.sync_api import expect

from screener import crypto
from screener.db import get_db
from screener.mail.sender import send_due

from helpers import axe_violations, make_config, screenshot
from test_screening_browser import HIGH, answer


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, DEV_MAILBOX=True)


def shoot(page, name, javascript):
    screenshot(page, name)
    # Playwright's screenshot leaves style="" on inputs; htmx would copy it onto the swapped form
    # (a CSP report that no visitor would ever cause), so the test removes it again.
    if javascript:
        page.evaluate("document.querySelectorAll('[style=\"\"]').forEach(e => e.removeAttribute('style'))")


def check_axe(page, javascript):
    # axe-core runs inside the page, so only with JavaScript on; the markup is the same without it.
    if javascript:
        assert axe_violations(page) == ""


def red_screening(page, live_server, javascript):
    page.goto(f"{live_server.url}/screener")
    page.get_by_role("button", name="Start de screener").click()
    for number, value in enumerate(HIGH, 1):
        answer(page, number, value, javascript=javascript)
    page.get_by_label("De provincie waar je werkt").select_option("limburg")
    page.get_by_role("button", name="Toon mijn resultaat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Het is nu echt zwaar voor je")
    # The card on the result is the short way (tests/test_request_card_browser.py); this is the full form.
    page.locator("main").get_by_role("link", name="Liever meer kiezen, zoals wanneer het past of in welke taal?").click()


def request_call(page, name, javascript):
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag om gebeld te worden")
    assert page.url.endswith("/aanmelden")
    expect(page.get_by_label("De provincie waar je werkt")).to_have_value("limburg")  # from the screener
    check_axe(page, javascript)
    shoot(page, f"request-form-{name}", javascript)
    page.get_by_role("button", name="Verder: kijk na wie contact opneemt").click()
    expect(page.locator("#main").get_by_text("Vul een voornaam of bijnaam in")).to_be_visible()
    check_axe(page, javascript)
    shoot(page, f"request-errors-{name}", javascript)
    page.get_by_label("Je voornaam of een bijnaam").fill("Sofie")
    page.get_by_label("Telefoonnummer").fill("0470 12 34 56")
    page.get_by_text("Een psycholoog in mijn regio").click()
    employer = page.locator("[data-request-employer]")
    if javascript:  # the employer's service does not matter for a psychologist in the region
        expect(employer).to_be_hidden()
        page.get_by_text("Kies maar voor mij").click()
        expect(employer).to_be_visible()
        page.get_by_text("Een psycholoog in mijn regio").click()
    else:
        expect(employer).to_be_visible()
    page.get_by_role("button", name="Verder: kijk na wie contact opneemt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk na en verstuur")
    expect(page).to_have_title("Kijk na en verstuur · ZorgSamen")
    if javascript:
        expect(page.get_by_role("heading", level=1)).to_be_focused()
    expect(page.locator(".request-who")).to_contain_text("Netwerk Eerstelijnspsychologen Limburg")
    expect(page.locator(".request-who")).to_contain_text("Binnen 1 werkdag")
    check_axe(page, javascript)
    shoot(page, f"request-review-{name}", javascript)
    page.get_by_text("Ik geef toestemming").click()
    page.get_by_role("button", name="Verstuur mijn aanvraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bedankt. Je aanvraag is verstuurd.")
    assert page.url.endswith("/aanmelden/klaar")
    check_axe(page, javascript)
    shoot(page, f"request-done-{name}", javascript)
    return re.search(r"ZS-[A-Z0-9]{6}", page.locator(".request-reference").inner_text()).group(0)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_red_screening_to_request_to_the_team_mail(request, live_server, db, javascript):
    page = request.getfixturevalue("phone" if javascript else "phone_nojs")
    name = "js" if javascript else "nojs"
    red_screening(page, live_server, javascript)
    reference = request_call(page, name, javascript)

    [case] = list(db["cases"].rows)
    assert case["reference"] == reference and (case["urgent"], case["step"], case["provider_id"]) == (1, 2, "elp_limburg")
    assert "Sofie" not in case["contact_encrypted"] and "470" not in case["contact_encrypted"]
    with live_server.app.app_context():
        assert crypto.decrypt(case["contact_encrypted"])["phone"] == "+32470123456"
        assert send_due(live_server.app, get_db()) == {"sent": 1, "failed": 0}

    # The worker's loop ends in the development mailbox: the team's notice, with no personal data.
    page.goto(f"{live_server.url}/dev/mailbox/")
    page.get_by_role("link", name=re.compile(reference)).click()
    text = page.locator(".mailbox__text")
    expect(text).to_contain_text(re.compile(r"/partners/dossier/[A-Za-z0-9_-]{40,}"))  # the link token, stored as its hash
    assert "Sofie" not in page.content() and "470 12" not in page.content()
    shoot(page, f"request-mailbox-{name}", javascript)

    # The browser logs the intended 422 of the first, empty submission; nothing else may appear.
    expected = [e for e in page.watch.console_errors if "status of 422" in e]
    assert len(expected) == 1
    page.watch.console_errors = [e for e in page.watch.console_errors if e not in expected]
    page.watch.assert_clean()
