"""On phones (390x844): a question asked in one browser appears for the signed-in moderator in a second,
and once approved, for a viewer in a third, without anyone reloading; the public pages pass axe."""
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from helpers import axe_violations, open_page, screenshot
from partners_helpers import create_user, sign_in_browser
from test_webinars_routes import add_session

QUESTION = "Hoe val ik in slaap na een nachtdienst?"


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def test_a_question_reaches_the_moderator_and_then_the_viewers_without_a_reload(app, live_server, phone, browser):
    session_id = add_session(app, starts_in=timedelta(minutes=-5))
    live_url = f"{live_server.url}/webinars/{session_id}/live"
    contexts = []
    try:
        moderator_context, moderator = open_page(browser)
        viewer_context, viewer = open_page(browser)
        contexts += [moderator_context, viewer_context]
        sign_in_browser(moderator, live_server.url, app, create_user(app, role="coordinator"),
                        next_url=f"/partners/webinars/{session_id}")
        expect(moderator.get_by_role("heading", level=1)).to_contain_text("Modereren")
        viewer.goto(live_url)
        loads = {"moderator": 0, "viewer": 0}
        moderator.on("load", lambda: loads.__setitem__("moderator", loads["moderator"] + 1))
        viewer.on("load", lambda: loads.__setitem__("viewer", loads["viewer"] + 1))

        phone.goto(live_url)
        phone.get_by_label("Je vraag").fill(QUESTION)
        phone.get_by_role("button", name="Verstuur je vraag").click()
        expect(phone.get_by_role("status")).to_contain_text("Verstuurd")

        question = moderator.locator(".webinar-question", has_text=QUESTION)
        expect(question).to_be_visible(timeout=10_000)  # polled in, no reload
        expect(viewer.locator("#webinar-questions")).not_to_contain_text(QUESTION)
        question.get_by_role("button", name="Goedkeuren").click()
        expect(question.locator(".badge").first).to_have_text("Goedgekeurd")
        expect(viewer.locator("#webinar-questions .webinar-question__text")).to_have_text([QUESTION], timeout=10_000)
        # The asker's own list polls too, and leaves the cursor where it is.
        phone.get_by_label("Je vraag").click()
        for _poll in range(2):  # the first poll after the click has been swapped in when the second one asks
            with phone.expect_response(lambda r: r.url.endswith(f"/webinars/{session_id}/vragen"), timeout=10_000):
                pass
        expect(phone.locator("#webinar-questions .webinar-question__text")).to_have_text([QUESTION])
        expect(phone.get_by_label("Je vraag")).to_be_focused()
        assert loads == {"moderator": 0, "viewer": 0}
        expect(moderator.locator("nav.partners-nav")).to_have_count(1)  # the polls bring the list only
        screenshot(viewer, "webinar-live-viewer")
        for page in (phone, moderator, viewer):
            page.watch.assert_clean()
    finally:
        for context in contexts:
            context.close()


def test_the_public_webinar_pages_are_accessible(app, live_server, phone):
    upcoming = add_session(app, starts_in=timedelta(days=2))
    past = add_session(app, starts_in=timedelta(days=-2), recording_url="https://video.example.be/opname")
    now = add_session(app, starts_in=timedelta(minutes=-1))
    for path in ("/webinars", f"/webinars/{upcoming}", f"/webinars/{past}", f"/webinars/{now}/live"):
        phone.goto(live_server.url + path)
        assert axe_violations(phone) == "", path
    phone.get_by_text("Kijk naar de uitzending").click()
    expect(phone.get_by_role("link", name="Open de uitzending op live.example.be (nieuw venster)")).to_be_visible()
    phone.watch.assert_clean()  # nothing was loaded from the streaming site


def test_asking_and_moderating_work_without_javascript(app, live_server, phone_nojs, browser):
    session_id = add_session(app, starts_in=timedelta(minutes=-5))
    live_url = f"{live_server.url}/webinars/{session_id}/live"
    phone_nojs.goto(live_url)
    phone_nojs.get_by_label("Je vraag").fill(QUESTION)
    phone_nojs.get_by_label("Je voornaam (mag je leeg laten)").fill("Sofie")
    phone_nojs.get_by_role("button", name="Verstuur je vraag").click()
    expect(phone_nojs.locator(".notice--ok")).to_contain_text("Verstuurd")

    context, moderator = open_page(browser, javascript=False)
    try:
        sign_in_browser(moderator, live_server.url, app, create_user(app, role="coordinator"),
                        next_url=f"/partners/webinars/{session_id}")
        question = moderator.locator(".webinar-question", has_text=QUESTION)
        question.get_by_role("button", name="Goedkeuren").click()
        expect(moderator.locator(".webinar-question", has_text=QUESTION).locator(".badge").first).to_have_text("Goedgekeurd")
        moderator.locator(".webinar-question", has_text=QUESTION).get_by_role("button", name="Ster").click()
        expect(moderator.locator(".webinar-question", has_text=QUESTION)).to_contain_text("★ Ster")
    finally:
        context.close()

    phone_nojs.get_by_role("link", name="Vernieuw de vragen").click()
    item = phone_nojs.locator("#webinar-questions .webinar-question")
    expect(item).to_contain_text(QUESTION)
    expect(item).to_contain_text("Sofie")
    item.get_by_role("button", name="Ik wil dit ook weten").click()
    expect(phone_nojs.locator("#webinar-questions")).to_contain_text("Je stem is geteld.")
    expect(phone_nojs.locator("#webinar-questions")).to_contain_text("1 stem")
