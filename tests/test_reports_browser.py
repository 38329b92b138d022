"""The dashboard in a real browser: laptop and phone size, looked at, axe-core clean, no outside request."""
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from helpers import axe_violations, open_page, screenshot
from partners_helpers import create_user, sign_in_browser
from screener.db import get_db
from screener.demo import seed_all as seed_history

LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture
def seeded(app):
    with app.app_context():
        seed_history(app, get_db())
    return app


@pytest.mark.parametrize("size,name", [(LAPTOP, "laptop"), ({"width": 390, "height": 844}, "phone")])
def test_dashboard_with_a_year_of_demo_data(seeded, live_server, browser, size, name):
    context, page = open_page(browser, viewport=size)
    try:
        user = create_user(seeded, role="coordinator")
        sign_in_browser(page, live_server.url, seeded, user, next_url="/rapporten/?periode=jaar")
        page.wait_for_url(lambda url: urlsplit(url).path == "/rapporten/")
        assert page.get_by_role("heading", level=1).inner_text() == "Rapporten"
        # Every chart is an image of its own that loads when it comes into view (its SVG styles stay
        # inside the image under the CSP).
        images = page.locator(".report-chart img")
        assert images.count() >= 10
        for i in range(images.count()):
            image = images.nth(i)
            image.scroll_into_view_if_needed()
            expect(image).to_have_js_property("complete", True)
            assert image.evaluate("img => img.naturalWidth > 0")
        page.evaluate("window.scrollTo(0, 0)")
        # Nothing sticks out sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        screenshot(page, f"reports-dashboard-{name}")
        assert axe_violations(page) == ""
        if name == "laptop":
            page.get_by_role("link", name="Afdrukbaar verslag").click()
            page.wait_for_url(lambda url: urlsplit(url).path == "/rapporten/verslag")
            assert page.get_by_role("heading", level=1).inner_text() == "Verslag ZorgSamen"
            assert page.locator("details").count() == 0 and page.locator(".report-table").count() >= 18
            assert axe_violations(page) == ""
        page.watch.assert_clean()
    finally:
        context.close()


# An A4 page at 96 px per inch, less the browser's default 1 cm margins: 718 by 1047 px.
A4_PRINTABLE = {"width": 718, "height": 1047}


def test_the_answers_fit_two_laptop_screens_and_one_printed_page(seeded, live_server, browser):
    context, page = open_page(browser, viewport=LAPTOP)
    try:
        user = create_user(seeded, role="coordinator")
        sign_in_browser(page, live_server.url, seeded, user, next_url="/rapporten/?periode=jaar")
        page.wait_for_url(lambda url: urlsplit(url).path == "/rapporten/")
        answers = page.locator("#antwoorden")
        assert answers.locator(".answer").count() >= 15
        assert answers.evaluate("e => e.getBoundingClientRect().height") <= 2 * LAPTOP["height"]
        # Two columns at 1280 px: the second answer stands beside the first.
        first, second = (answers.locator(".answer").nth(i).bounding_box() for i in (0, 1))
        assert second["x"] > first["x"] + first["width"] - 1 and abs(second["y"] - first["y"]) < 2
        # A figure takes you to its block.
        answers.locator(".answer-figure a").first.click()
        page.wait_for_function("location.hash === '#blok-bezoek'")
        screenshot(page, "reports-answers-laptop")

        page.goto(live_server.url + "/rapporten/verslag?periode=jaar")
        page.set_viewport_size(A4_PRINTABLE)
        page.emulate_media(media="print")
        answers = page.locator("#antwoorden")
        assert answers.evaluate("e => e.getBoundingClientRect().height") <= A4_PRINTABLE["height"]
        assert axe_violations(page) == ""
        page.watch.assert_clean()
    finally:
        context.close()
