"""The screener in a phone browser (Debian's chromium): JS on and off, crisis box, back button, axe, page weight."""
import gzip
import re
from pathlib import Path
from urllib.request import urlopen

import yaml
from playwright.sync_api import expect

from helpers import axe_violations, screenshot, wait_until

CONTENT = yaml.safe_load((Path(__file__).resolve().parent.parent / "screener/content/screener.yml").read_text())
LOW = [0, 0, 0, 0, 0, 5, 4, 4, 5, 4, 0, 3]
HIGH = [3, 2, 3, 3, 1, 1, 0, 1, 0, 1, 3, 0]
SAFETY = 5  # the number of the safety question


def label(number, value):
    """The visible text of option `value` of question `number`."""
    scale = CONTENT["scales"][CONTENT["items"][number - 1]["scale"]]
    return next(o["nl"] for o in scale["options"] if o["value"] == value)


def heading(page):
    return page.get_by_role("heading", level=1)


def answer(page, number, value, javascript=True):
    """Choose an option, press Volgende, and wait for the next screen."""
    expect(heading(page)).to_have_text(f"Vraag {number} van 12")
    page.get_by_label(label(number, value), exact=True).check()
    page.get_by_role("button", name="Volgende").click()
    if number == SAFETY and value >= 1:  # a positive safety answer has a screen of its own first
        expect(heading(page)).to_have_text("Dank je dat je het zegt")
        page.get_by_role("link", name="Verder met de vragen").click()
    if number < 12:
        expect(heading(page)).to_have_text(f"Vraag {number + 1} van 12")
        page.wait_for_url(re.compile(rf"/screener/vraag/{number + 1}$"))
        if javascript:  # after a swap the new heading has the focus (announced by screen readers)
            wait_until(page, "document.activeElement && document.activeElement.tagName === 'H1'")
    else:
        expect(heading(page)).to_have_text("Nog even over jou")


def test_low_distress_run_with_javascript_and_the_back_button(live_server, phone):
    phone.goto(live_server.url + "/screener")
    expect(heading(phone)).to_have_text("Hoe gaat het echt met je?")
    phone.evaluate("window.sameDocument = true")  # survives htmx swaps, not full page loads
    phone.get_by_role("button", name="Start de screener").click()
    for number, value in enumerate(LOW[:4], 1):
        answer(phone, number, value)
    assert phone.title() == "Vraag 5 van 12 · ZorgSamen"

    # The back link keeps the earlier answer; so does the browser's back button.
    phone.get_by_role("link", name="Vorige").click()
    expect(heading(phone)).to_have_text("Vraag 4 van 12")
    phone.wait_for_url(re.compile(r"/screener/vraag/4$"))
    expect(phone.get_by_label(label(4, LOW[3]), exact=True)).to_be_checked()
    for number in (5, 4):
        # No answers are kept in the browser's history cache: going back reloads the page from the server.
        with phone.expect_event("load"):
            phone.go_back()
        expect(heading(phone)).to_have_text(f"Vraag {number} van 12")
        assert phone.evaluate("window.sameDocument") is None
        phone.evaluate("window.sameDocument = true")
    expect(phone.get_by_label(label(4, LOW[3]), exact=True)).to_be_checked()
    phone.evaluate("window.sameDocument = true")
    for number, value in enumerate(LOW[3:], 4):
        answer(phone, number, value)
    phone.get_by_label("De sector waarin je werkt").select_option("elderly_care")
    phone.get_by_role("button", name="Toon mijn resultaat").click()
    expect(heading(phone)).to_have_text("Het lijkt goed met je te gaan")
    phone.wait_for_url(re.compile(r"/screener/resultaat$"))
    assert phone.evaluate("window.sameDocument") is True, "the steps were swapped in place"
    # A green result has no help box and no card (the footer keeps the numbers), but a way to ask.
    expect(phone.locator("main .crisis")).to_have_count(0)
    expect(phone.locator("main #card")).to_have_count(0)
    expect(phone.locator("footer a[href='tel:1813']")).to_have_count(1)
    expect(phone.locator("main").get_by_role("link", name="Toch even praten? Vraag om gebeld te worden")).to_be_visible()
    expect(phone.get_by_role("button", name="Afdrukken")).to_be_visible()  # shown by app.js after the swap
    screenshot(phone, "screener-result-green")
    assert axe_violations(phone) == ""
    phone.watch.assert_clean()


def test_high_distress_run_shows_the_crisis_box_the_moment_it_is_needed(live_server, phone):
    phone.goto(live_server.url + "/screener")
    screenshot(phone, "screener-intro")
    assert axe_violations(phone) == ""
    phone.get_by_role("button", name="Start de screener").click()
    expect(heading(phone)).to_have_text("Vraag 1 van 12")
    screenshot(phone, "screener-question")
    assert axe_violations(phone) == ""
    # A missing answer: the question comes back with a message (422), still one screen.
    phone.get_by_role("button", name="Volgende").click()
    expect(phone.locator("#main").get_by_text("Kies een antwoord om verder te gaan.")).to_be_visible()
    # a screen reader hears what is missing, not only the question's number again
    expect(phone.locator("#announcer")).to_have_text("Kies een antwoord om verder te gaan.")
    assert axe_violations(phone) == ""
    for number, value in enumerate(HIGH[:SAFETY - 1], 1):
        answer(phone, number, value)

    box = phone.locator("#crisis-now")
    expect(box).to_be_hidden()
    phone.get_by_label(label(SAFETY, 1), exact=True).check()
    expect(box).to_be_visible()  # before any request: the moment the answer is chosen
    expect(box.locator("a[href='tel:1813']")).to_be_visible()
    expect(box.locator("a[href='tel:106']")).to_be_visible()
    expect(box.locator("a[href='tel:112']")).to_be_visible()
    phone.get_by_label(label(SAFETY, 0), exact=True).check()
    expect(box).to_be_hidden()
    phone.get_by_label(label(SAFETY, 1), exact=True).check()
    expect(box).to_be_visible()
    screenshot(phone, "screener-safety-crisis")
    assert axe_violations(phone) == ""
    phone.get_by_role("button", name="Volgende").click()
    # A screen of its own: the answer acknowledged, a call today, the numbers, then on with the questions.
    expect(heading(phone)).to_have_text("Dank je dat je het zegt")
    phone.wait_for_url(re.compile(r"/screener/steun$"))
    main = phone.locator("main")
    today = main.get_by_role("link", name="Bel me vandaag nog")
    expect(today).to_be_visible()
    for number in ("1813", "106", "112"):
        expect(main.locator(f"a[href='tel:{number}']")).to_be_visible()
    expect(main.get_by_role("link", name="Of chat met de Zelfmoordlijn")).to_be_visible()
    assert today.bounding_box()["y"] + today.bounding_box()["height"] <= 844  # on the first screen
    screenshot(phone, "screener-safety-screen")
    assert axe_violations(phone) == ""
    main.get_by_role("link", name="Verder met de vragen").click()
    expect(heading(phone)).to_have_text("Vraag 6 van 12")
    expect(phone.locator("main .crisis")).to_have_count(0)  # said once, on its own screen
    for number, value in enumerate(HIGH[SAFETY:], SAFETY + 1):
        answer(phone, number, value)
    screenshot(phone, "screener-profile")
    assert axe_violations(phone) == ""
    phone.get_by_role("button", name="Toon mijn resultaat").click()
    expect(heading(phone)).to_have_text("Het is nu echt zwaar voor je")

    # The result leads with the numbers and the request card, both on the first screen.
    main = phone.locator("main")
    call = main.locator(".crisis a[href='tel:1813']").first
    expect(call).to_be_visible()
    assert heading(phone).bounding_box()["y"] < call.bounding_box()["y"] < 844 - call.bounding_box()["height"]
    first_input = main.locator("#card input[name='name']")
    assert first_input.bounding_box()["y"] + first_input.bounding_box()["height"] <= 844
    table = main.locator(".screener-scores table")
    expect(table).to_be_hidden()
    main.get_by_text("Toon mijn scores").click()
    expect(table).to_be_visible()
    expect(table).to_contain_text("11 / 12")
    expect(table).to_contain_text("12 / 100")
    screenshot(phone, "screener-result-red")
    assert axe_violations(phone) == ""

    # Start over clears the answers.
    main.get_by_role("button", name="Opnieuw beginnen").click()
    expect(heading(phone)).to_have_text("Hoe gaat het echt met je?")
    expect(phone.get_by_role("button", name="Start de screener")).to_be_visible()
    # The browser logs the intended 422 of the missing answer; nothing else may appear.
    errors = phone.watch.console_errors
    assert [e for e in errors if "422" in e] == ["Failed to load resource: the server responded with a status of 422 (UNPROCESSABLE ENTITY)"]
    phone.watch.console_errors = [e for e in errors if "422" not in e]
    phone.watch.assert_clean()


def test_without_javascript_the_same_run_gives_the_same_result(live_server, phone_nojs):
    page = phone_nojs
    page.goto(live_server.url + "/screener")
    page.get_by_role("button", name="Start de screener").click()
    for number, value in enumerate(HIGH, 1):
        answer(page, number, value, javascript=False)
    page.get_by_role("button", name="Toon mijn resultaat").click()
    expect(heading(page)).to_have_text("Het is nu echt zwaar voor je")
    assert page.url.endswith("/screener/resultaat")
    assert not page.get_by_role("button", name="Afdrukken").is_visible()  # printing needs the browser menu
    page.get_by_text("Toon mijn scores").click()
    expect(page.locator(".screener-scores table")).to_contain_text("11 / 12")
    # axe-core needs JavaScript: the same server-rendered screens are checked in the runs above.
    page.watch.assert_clean()


def test_first_load_of_the_screener_is_light(live_server, phone):
    """At most 40 KB compressed in at most 6 requests.

    The test server (werkzeug) does not compress, so the browser's encoded sizes are the raw
    sizes; the test therefore gzips each response body itself, as a compressing server
    (gunicorn behind a proxy) would send it.
    """
    responses = []
    phone.on("requestfinished", lambda request: responses.append(request.url))
    phone.goto(live_server.url + "/screener")
    expect(heading(phone)).to_have_text("Hoe gaat het echt met je?")
    phone.wait_for_load_state("networkidle")
    total = 0
    for url in responses:
        body = urlopen(url).read()
        total += len(gzip.compress(body, compresslevel=6))
    assert len(responses) <= 6, responses
    assert total <= 40 * 1024, total
    phone.watch.assert_clean()
