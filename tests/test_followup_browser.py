"""The check-in on a phone (390x844): the screener's questions and three about the help, the crisis box the
moment a positive safety answer is chosen, and a thank-you that offers a call today; axe clean."""
import pytest
from playwright.sync_api import expect

from helpers import axe_violations, screenshot
from test_followup_checkin import checkin_url


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def test_a_check_in_on_a_phone(app, db, clock, live_server, phone):
    url = checkin_url(app, db, clock)
    phone.goto(live_server.url + url)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Hoe gaat het nu met je?")
    assert axe_violations(phone) == ""
    screenshot(phone, "followup-checkin")
    box = phone.locator("#crisis-now")
    expect(box).to_be_hidden()
    for radio in phone.locator("input[type=radio][name=nervous], input[type=radio][name=worry], "
                               "input[type=radio][name=interest], input[type=radio][name=down]").all():
        if radio.get_attribute("value") == "1":
            radio.check()
    phone.locator("input[name=safety][value='1']").check()
    expect(box).to_be_visible()  # the numbers the moment the answer is chosen
    expect(box.locator("a[href='tel:1813']")).to_be_visible()
    for name in ("cheerful", "calm", "active", "rested", "interesting"):
        phone.locator(f"input[name={name}][value='2']").check()
    phone.locator("input[name=overall][value='4']").check()
    phone.locator("input[name=help][value='yes']").check()
    phone.locator("input[name=recommend][value='yes']").check()
    phone.get_by_role("button", name="Versturen").click()
    expect(phone.locator("main")).to_contain_text("We hebben je antwoorden goed ontvangen")
    expect(phone.locator("main").get_by_role("link", name="Bel me vandaag nog")).to_be_visible()
    assert axe_violations(phone) == ""
    screenshot(phone, "followup-thanks")
    row = db["followup_checkins"].get(1)
    assert row["safety"] == 1 and row["who5"] == 40 and row["answered_at"] is not None
    phone.watch.assert_clean()


def test_a_dead_link_shows_the_crisis_numbers_once_not_again_in_the_footer(live_server, phone):
    phone.goto(live_server.url + "/opvolging/bestaat-niet")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Deze pagina bestaat niet")
    calls = phone.locator("a[href='tel:1813']")
    expect(calls.first).to_be_visible()
    assert sum(1 for link in calls.all() if link.is_visible()) == 1
    # A page without its own crisis box keeps the footer's numbers.
    phone.goto(live_server.url + "/privacy")
    expect(phone.locator(".site-footer a[href='tel:1813']")).to_be_visible()
