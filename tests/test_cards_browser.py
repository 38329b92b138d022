"""A thank-you card on a phone (390x844), with JavaScript on and off: write, preview, send, then open the
card from the e-mail's link, save it as an image; the block page; axe clean on every page."""
import re

import pytest
from playwright.sync_api import expect

from helpers import axe_violations, screenshot

LINK = re.compile(r"https?://127\.0\.0\.1:\d+(/bedankkaartje/[A-Za-z0-9_-]{40,})")
BLOCK = re.compile(r"https?://127\.0\.0\.1:\d+(/bedankkaartje/blokkeren/\S+)")


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def heading(page):
    return page.get_by_role("heading", level=1)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_sending_a_card_and_opening_it_on_a_phone(request, live_server, db, javascript):
    page = request.getfixturevalue("phone" if javascript else "phone_nojs")
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Stuur een bedankkaartje").click()  # the home page's "Zorg voor elkaar"
    expect(heading(page)).to_have_text("Zeg eens dankjewel")
    if javascript:
        assert axe_violations(page) == ""
    page.get_by_role("link", name="Stuur een kaartje").click()
    expect(heading(page)).to_have_text("Stuur een bedankkaartje")
    if javascript:
        assert axe_violations(page) == ""
        screenshot(page, "cards-form")
    page.get_by_role("radio", name=re.compile("Drie ballonnen")).check()
    page.get_by_label("Je bericht").fill("Merci voor je hulp tijdens de drukke week. Je bent goud waard!")
    page.get_by_label("Je voornaam (mag leeg)").fill("Sofie")
    page.get_by_label("Voornaam van je collega").fill("Jonas")
    page.get_by_label("E-mailadres van je collega").fill("jonas@example.be")
    page.get_by_role("button", name="Bekijk je kaartje").click()
    expect(heading(page)).to_have_text("Zo ziet je kaartje eruit")
    expect(page.locator(".thank-card")).to_contain_text("Je bent goud waard!")
    expect(page.get_by_role("img", name=re.compile("Drie ballonnen"))).to_be_visible()
    if javascript:
        assert axe_violations(page) == ""
        screenshot(page, "cards-preview")
    page.get_by_role("button", name="Verstuur het kaartje").click()
    expect(heading(page)).to_have_text("Je kaartje is onderweg")
    assert page.url.endswith("/bedankkaartje/verstuurd")

    [body] = [row[0] for row in db.execute("SELECT body_text FROM outbox WHERE kind = 'card'").fetchall()]
    assert "goud waard" not in body
    page.goto(live_server.url + LINK.search(body).group(1))
    expect(heading(page)).to_have_text("Een bedankkaartje voor jou")
    card = page.locator(".thank-card")
    expect(card).to_contain_text("Voor Jonas")
    expect(card).to_contain_text("Je bent goud waard!")
    expect(card).to_contain_text("Van Sofie")
    box = card.bounding_box()
    assert box["width"] <= 390  # fits the phone
    if javascript:
        assert axe_violations(page) == ""
        screenshot(page, "cards-card")
        with page.expect_download() as download:
            page.get_by_role("link", name="Bewaar als afbeelding").click()
        assert download.value.suggested_filename == "bedankkaartje.svg"
        assert "goud waard" in open(download.value.path(), encoding="utf-8").read()

        page.goto(live_server.url + BLOCK.search(body).group(1))
        expect(heading(page)).to_have_text("Geen kaartjes meer ontvangen")
        assert axe_violations(page) == ""
        page.get_by_role("button", name="Ik wil geen kaartjes meer ontvangen").click()
        expect(heading(page)).to_have_text("Je krijgt geen kaartjes meer")
        assert axe_violations(page) == ""
        page.watch.assert_clean()


def test_a_refused_message_keeps_everything_and_is_announced(live_server, db, phone):
    phone.goto(live_server.url + "/bedankkaartje/sturen")
    phone.get_by_role("radio", name=re.compile("Een gele zon")).check()
    phone.get_by_label("Je bericht").fill("Bekijk www.voorbeeld.com voor meer")
    phone.get_by_label("Voornaam van je collega").fill("Jonas")
    phone.get_by_label("E-mailadres van je collega").fill("jonas@example.be")
    phone.get_by_role("button", name="Bekijk je kaartje").click()
    expect(phone.locator(".field-error")).to_have_text(re.compile("Een link of webadres mag niet in je bericht"))
    expect(phone.get_by_label("Je bericht")).to_have_value("Bekijk www.voorbeeld.com voor meer")
    expect(phone.get_by_role("radio", name=re.compile("Een gele zon"))).to_be_checked()
    assert axe_violations(phone) == ""
    assert db["cards"].count == 0
    assert phone.watch.outside_requests == []  # the console notes the 422 itself, as on every refused form
