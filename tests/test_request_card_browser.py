"""On a phone (390x844): from a red or orange result to the confirmation with the card on the result,
with JavaScript on (one screen) and off (one check screen more); "call me today" after the safety answer."""
import re

import pytest
from playwright.sync_api import expect

from helpers import axe_violations, screenshot
from test_screening_browser import HIGH, SAFETY, answer, heading, label

RED = [3, 2, 3, 3, 0, 1, 0, 1, 0, 1, 3, 0]  # red, no safety answer
ORANGE = [1, 1, 1, 1, 0, 3, 3, 3, 2, 2, 1, 2]
VIEWPORT_HEIGHT = 844


def result(page, url, answers, javascript, province="limburg"):
    page.goto(url + "/screener")
    page.get_by_role("button", name="Start de screener").click()
    for number, value in enumerate(answers, 1):
        answer(page, number, value, javascript=javascript)
    page.get_by_label("De provincie waar je werkt").select_option(province)
    page.get_by_role("button", name="Toon mijn resultaat").click()
    page.wait_for_url(re.compile(r"/screener/resultaat$"))
    expect(page.locator("#card")).to_be_visible()


def on_first_screen(locator):
    box = locator.bounding_box()
    return box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT_HEIGHT


def done(page):
    expect(heading(page)).to_have_text("Bedankt. Je aanvraag is verstuurd.")
    assert page.url.endswith("/aanmelden/klaar")
    return re.search(r"ZS-[A-Z0-9]{6}", page.locator(".request-reference").inner_text()).group(0)


@pytest.mark.parametrize("band,answers,title", [("red", RED, "Het is nu echt zwaar voor je"),
                                                ("orange", ORANGE, "Je draagt nu best veel")])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_from_the_result_to_the_confirmation(request, live_server, db, band, answers, title, javascript):
    page = request.getfixturevalue("phone" if javascript else "phone_nojs")
    result(page, live_server.url, answers, javascript)
    expect(heading(page)).to_have_text(title)
    main = page.locator("main")
    card = main.locator("#card")
    # Without scrolling: the numbers to call now, and the card's first input.
    assert on_first_screen(main.locator("a[href='tel:1813']").first)
    assert on_first_screen(card.get_by_label("Je voornaam"))
    expect(card.locator(".request-who")).to_contain_text("Netwerk Eerstelijnspsychologen Limburg")
    expect(card.locator(".request-who")).to_contain_text("Binnen 1 werkdag" if band == "red" else "Binnen 3 werkdagen")
    if javascript:
        assert axe_violations(page) == ""
        screenshot(page, f"request-card-{band}")

    inputs = 0
    card.get_by_label("Je voornaam").fill("Sofie"); inputs += 1
    card.get_by_label("Je gsm-nummer of e-mailadres").fill("0470 12 34 56"); inputs += 1
    employer = card.get_by_label("Welke preventiedienst?")
    expect(employer).to_be_hidden()  # only for that route (CSS, so also without JavaScript)
    if javascript:
        # Who will contact you, and by when, follows the choice on the same screen.
        card.get_by_text("De preventiedienst van mijn werk").click()
        expect(employer).to_be_visible()
        employer.select_option("edpb_preventa")
        expect(card.locator(".request-who")).to_contain_text("Preventa Externe Dienst")
        card.get_by_text("Kies maar voor mij").click()
        expect(card.locator(".request-who")).to_contain_text("Netwerk Eerstelijnspsychologen")
    card.get_by_text("Ik geef toestemming").click(); inputs += 1
    card.get_by_role("button", name="Verstuur").click()
    screens = 1
    if not javascript:  # one check screen: who, by when, the consent again
        expect(heading(page)).to_have_text("Kijk na en verstuur")
        expect(page.locator(".request-who")).to_contain_text("Netwerk Eerstelijnspsychologen Limburg")
        expect(page.get_by_label(re.compile("Ik geef toestemming"))).to_be_checked()
        page.get_by_role("button", name="Verstuur mijn aanvraag").click()
        screens += 1
    reference = done(page)
    assert inputs <= 4 and screens == (1 if javascript else 2)
    if javascript:
        assert axe_violations(page) == ""
    [case] = list(db["cases"].rows)
    assert case["reference"] == reference and case["provider_id"] == "elp_limburg"
    assert case["urgent"] == (1 if band == "red" else 0) and case["province"] == "limburg"
    page.watch.assert_clean()


def test_call_me_today_right_after_the_safety_answer(live_server, db, phone):
    phone.goto(live_server.url + "/screener")
    phone.get_by_role("button", name="Start de screener").click()
    for number, value in enumerate(HIGH[:SAFETY - 1], 1):
        answer(phone, number, value)
    phone.get_by_label(label(SAFETY, 1), exact=True).check()
    phone.get_by_role("button", name="Volgende").click()
    expect(heading(phone)).to_have_text("Dank je dat je het zegt")
    phone.locator("main").get_by_role("link", name="Bel me vandaag nog").click()
    expect(heading(phone)).to_have_text("We bellen je vandaag nog")
    card = phone.locator("#card")
    expect(card.locator(".request-who")).to_contain_text("Vandaag nog")
    expect(card).to_contain_text("Wie contact met je opneemt, hoort dat ook")
    assert on_first_screen(phone.locator("main a[href='tel:1813']").first)
    assert axe_violations(phone) == ""
    screenshot(phone, "request-card-today")
    card.get_by_label("Je voornaam").fill("Lien")
    card.get_by_label("Je gsm-nummer of e-mailadres").fill("lien@example.be")
    card.get_by_label("Waar werk je? (niet verplicht)").select_option("limburg")
    card.get_by_text("Ik geef toestemming").click()
    card.get_by_role("button", name="Bel me vandaag nog").click()
    done(phone)
    [case] = list(db["cases"].rows)
    assert (case["urgent"], case["safety_concern"], case["provider_id"]) == (1, 1, "elp_limburg")
    # The questions are still there for whoever wants to finish them.
    phone.get_by_role("link", name="Verder met de vragen").click()
    phone.get_by_role("link", name="Verder waar je was").click()
    expect(heading(phone)).to_have_text(f"Vraag {SAFETY + 1} van 12")
    phone.watch.assert_clean()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_not_now_asks_what_holds_the_worker_back_and_counts_it(request, live_server, db, javascript):
    page = request.getfixturevalue("phone" if javascript else "phone_nojs")
    result(page, live_server.url, ORANGE, javascript)
    panel = page.locator("#niet-nu")
    expect(panel.get_by_role("heading", name="Liever nog niet bellen?")).to_be_visible()
    panel.get_by_role("button", name="Mijn werkgever zou het te weten kunnen komen").click()
    reply = page.locator(".notnow-reply")
    expect(reply).to_contain_text("hoort je werkgever er niets van")
    expect(page.locator("#card input[name='name']")).to_be_attached()  # the card is still there
    if javascript:
        expect(reply.get_by_role("heading", name="Dank je om het te zeggen")).to_be_focused()
        assert axe_violations(page) == ""
        screenshot(page, "screener-not-now-reply")
    rows = [(r["band"], r["answer"], r["count"]) for r in db["barrier_tallies"].rows]
    assert rows == [("orange", "employer", 1)]
    # From the reply straight to the card above.
    reply.get_by_role("link", name="Vraag toch om een gesprek").click()
    expect(page.locator("#card input[name='name']")).to_be_in_viewport()
    page.watch.assert_clean()


def test_the_private_link_page_and_the_way_back(live_server, browser, phone):
    result(phone, live_server.url, ORANGE, javascript=True)
    phone.locator("#niet-nu").get_by_role("link", name="Maak een privélink naar je resultaat").click()
    expect(heading(phone)).to_have_text("Een link naar je resultaat")
    link = phone.get_by_label("Je privélink").input_value()
    assert re.fullmatch(r"https?://\S+/screener/terug/[A-Za-z0-9_=-]+", link)
    assert axe_violations(phone) == ""
    screenshot(phone, "screener-private-link")
    # Another browser (no session) opens the link and sees the same result, with the card.
    other = browser.new_context(viewport={"width": 390, "height": 844}, locale="nl-BE").new_page()
    other.goto(live_server.url + "/screener/terug/" + link.rsplit("/", 1)[1])
    expect(other.get_by_role("heading", level=1)).to_have_text("Je draagt nu best veel")
    assert other.url.endswith("/screener/resultaat")  # the token leaves the address bar
    expect(other.locator("#card input[name='name']")).to_be_visible()
    other.context.close()
    phone.watch.assert_clean()
