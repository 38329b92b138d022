"""Stories in a real browser: a worker shares one on a phone, a coordinator edits and publishes it on a laptop,
the worker reads it and says it helped; every page axe-core clean, no outside request."""
from urllib.parse import urlsplit

from helpers import axe_violations, open_page, screenshot, wait_until
from partners_helpers import create_user, sign_in_browser

LAPTOP = {"width": 1280, "height": 800}


def fits_the_phone(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_share_moderate_read_and_mark_a_story(app, live_server, browser, phone):
    page = phone
    page.goto(live_server.url + "/verhalen/")
    assert axe_violations(page) == ""
    page.get_by_role("link", name="Deel jouw verhaal").click()
    page.wait_for_url(lambda url: urlsplit(url).path == "/verhalen/delen")
    page.get_by_role("button", name="Verstuur mijn verhaal").click()
    page.get_by_role("alert").filter(has_text="Kijk 3 dingen na").wait_for()
    assert axe_violations(page) == ""
    page.get_by_label("Titel").fill("Wandelen na de late dienst")
    page.get_by_label("Je verhaal").fill("Ik wandel met Jan van afdeling 4B.\n\nDat helpt me om te landen.")
    page.get_by_label("Je sector (niet verplicht)").select_option("hospital")
    page.get_by_label("Ik ga akkoord").check()
    page.get_by_role("button", name="Verstuur mijn verhaal").click()
    page.get_by_role("heading", name="Bedankt voor je verhaal").wait_for()
    assert "/verhalen/intrekken/" in page.locator(".stories-link").inner_text()
    assert fits_the_phone(page)
    screenshot(page, "stories-thanks-phone")
    assert axe_violations(page) == ""

    context, staff = open_page(browser, viewport=LAPTOP)
    try:
        user = create_user(app, role="coordinator")
        sign_in_browser(staff, live_server.url, app, user, next_url="/partners/verhalen/")
        staff.wait_for_url(lambda url: urlsplit(url).path == "/partners/verhalen/")
        assert axe_violations(staff) == ""
        staff.get_by_role("link", name="Wandelen na de late dienst").click()
        staff.get_by_role("heading", name="Wandelen na de late dienst").wait_for()
        assert axe_violations(staff) == ""
        staff.get_by_label("Tekst").fill("Ik wandel met een collega.\n\nDat helpt me om te landen.")
        staff.get_by_role("button", name="Aanpassing bewaren").click()
        staff.get_by_text("Aanpassing bewaard").wait_for()
        staff.get_by_role("button", name="Publiceren").click()
        staff.get_by_text("Verhaal gepubliceerd.").wait_for()
        screenshot(staff, "stories-queue-laptop")
        staff.watch.assert_clean()
    finally:
        context.close()

    page.goto(live_server.url + "/verhalen/?sector=hospital")
    page.get_by_role("link", name="Wandelen na de late dienst").click()
    page.get_by_role("heading", name="Wandelen na de late dienst").wait_for()
    assert "Jan" not in page.locator("article").inner_text()
    assert axe_violations(page) == ""
    page.get_by_role("button", name="Dit hielp mij ook").click()
    page.locator("#hielp").get_by_text("1 collega vond dit helpend. Bedankt, we telden je mee.").wait_for()
    wait_until(page, "document.activeElement.textContent.trim() === 'Dit hielp mij ook'")  # focus stays on it
    wait_until(page, "document.getElementById('announcer').textContent.includes('1 collega vond dit helpend')")
    assert fits_the_phone(page)
    screenshot(page, "stories-story-phone")
    # The browser logs the intended 422 of the first, empty submission; nothing else may appear.
    errors = page.watch.console_errors
    assert [e for e in errors if "422" in e] == ["Failed to load resource: the server responded with a status of 422 (UNPROCESSABLE ENTITY)"]
    page.watch.console_errors = [e for e in errors if "422" not in e]
    page.watch.assert_clean()


def test_dit_hielp_mij_ook_without_javascript(app, live_server, browser, phone_nojs):
    from screener import clock
    from screener.db import get_db
    from screener.stories import moderation, sharing

    with app.test_request_context():
        db = get_db()
        sharing.submit(db, {"title": "Even buiten", "body": "Ik ga even buiten.", "name": "", "sector": "",
                            "email": ""}, clock.now())
        story_id = db.execute("SELECT MAX(id) FROM stories").fetchone()[0]
        moderation.publish(db, story_id, False, None, clock.now())
    phone_nojs.goto(f"{live_server.url}/verhalen/{story_id}")
    phone_nojs.get_by_role("button", name="Dit hielp mij ook").click()
    phone_nojs.get_by_text("1 collega vond dit helpend. Bedankt, we telden je mee.").wait_for()
    assert urlsplit(phone_nojs.url).path == f"/verhalen/{story_id}"


def test_confirm_withdraw_and_expired_pages(app, live_server, phone, db):
    """The address confirmation, the 410 of an expired story and the withdraw page, each axe clean."""
    import re
    from datetime import timedelta

    from screener import clock
    from screener.stories import moderation

    page = phone
    page.goto(live_server.url + "/verhalen/delen")
    page.get_by_label("Titel").fill("Even buiten")
    page.get_by_label("Je verhaal").fill("Ik ga even buiten staan.")
    page.get_by_label("Je e-mailadres (niet verplicht)").fill("lien@example.be")
    page.get_by_label("Ik ga akkoord").check()
    page.get_by_role("button", name="Verstuur mijn verhaal").click()
    page.get_by_role("heading", name="Bedankt voor je verhaal").wait_for()
    withdraw = page.locator(".stories-link").get_attribute("href")
    confirm = re.search(r"(/verhalen/bevestig/[\w-]+)", db.execute("SELECT body_text FROM outbox").fetchone()[0]).group(1)

    page.goto(live_server.url + confirm)
    assert axe_violations(page) == ""
    page.get_by_role("button", name="Ja, bevestig mijn adres").click()
    page.get_by_text("We laten je weten wanneer je verhaal online staat").wait_for()
    assert axe_violations(page) == ""

    story_id = db.execute("SELECT MAX(id) FROM stories").fetchone()[0]
    with app.app_context():
        moderation.publish(db, story_id, False, None, clock.now() - timedelta(days=800))  # published long ago
    response = page.goto(f"{live_server.url}/verhalen/{story_id}")
    assert response.status == 410
    page.get_by_role("heading", name="Dit verhaal staat niet meer online").wait_for()
    assert axe_violations(page) == ""

    page.goto(live_server.url + withdraw)
    assert axe_violations(page) == ""
    page.get_by_role("button", name="Trek mijn verhaal in").click()
    page.get_by_text("Je verhaal is ingetrokken").wait_for()
    assert axe_violations(page) == ""
    # The browser logs the intended 410 of the expired story; nothing else may appear.
    errors = page.watch.console_errors
    assert [e for e in errors if "410" in e] == ["Failed to load resource: the server responded with a status of 410 (GONE)"]
    page.watch.console_errors = [e for e in errors if "410" not in e]
    page.watch.assert_clean()
