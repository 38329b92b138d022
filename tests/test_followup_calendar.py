"""A worker who may be asked later how they are, but left only a phone number: the confirmation page gives the
check-ins as calendar events with their links, which open on their day and work like the e-mailed ones."""
import re
from datetime import timedelta

import pytest
from icalendar import Calendar

from helpers import page_token, post_form
from screener import clock as app_clock
from test_followup_checkin import ABOUT_THE_HELP, CALM

PHONE_ONLY = {"name": "Sofie", "phone": "0470 12 34 56", "choice": "region", "province": "limburg",
              "channel": "phone", "followup": "1"}


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def send(client, **data):
    data.setdefault("csrf_token", page_token(client, "/aanmelden"))
    assert client.post("/aanmelden", data={**data, "action": "preview"}).status_code == 200
    return client.post("/aanmelden", data={**data, "consent": "1", "confirm_email": "1", "action": "send"})


def events(client):
    response = client.get("/aanmelden/klaar/opvolging.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert response.headers["Cache-Control"] == "no-store"
    return [e for e in Calendar.from_ical(response.data).walk("VEVENT")]


def path_of(event):
    return re.search(r"/opvolging/[A-Za-z0-9_-]+", str(event["url"])).group(0)


def test_a_phone_only_worker_puts_the_check_ins_in_their_calendar(app, client, db, clock):
    assert send(client, **PHONE_ONLY).status_code == 303
    done = client.get("/aanmelden/klaar").get_data(as_text=True)
    assert "Later even vragen hoe het gaat" in done and "/aanmelden/klaar/opvolging.ics" in done
    [case] = db["cases"].rows
    promised = app_clock.local_day(app_clock.parse(case["due_at"]))
    four_weeks, three_months = events(client)
    for event, days in ((four_weeks, 28), (three_months, 91)):
        start = event.decoded("dtstart").astimezone(app_clock.BRUSSELS)
        assert start.date() == promised + timedelta(days=days) and (start.hour, start.minute) == (10, 0)
        text = str(event["description"])
        assert "/opvolging/" in text and "/stop" in text
        # Nothing in the calendar names the worker, their number or the request.
        for personal in ("Sofie", "0470", "470 12", case["reference"]):
            assert personal not in str(event.to_ical())
    assert db["followup_checkins"].count == 2 and db["followup_links"].count == 2
    assert path_of(four_weeks).split("/")[-1] not in str(list(db["followup_links"].rows))  # only hashes

    # Opened too early, the link says when it opens; nothing is asked yet.
    early = client.get(path_of(four_weeks))
    assert early.status_code == 200 and "Nog even geduld" in early.get_data(as_text=True)
    assert 'name="nervous"' not in early.get_data(as_text=True)

    # On its day, the questions are there and an answer is stored once, as for an e-mailed check-in.
    clock.advance(days=(promised + timedelta(days=28) - app_clock.local_day(clock.now)).days)
    assert 'name="nervous"' in client.get(path_of(four_weeks)).get_data(as_text=True)
    assert post_form(client, path_of(four_weeks), {**CALM, **ABOUT_THE_HELP}).status_code == 200
    assert db["followup_checkins"].get(1)["answered_at"] is not None
    assert client.get(path_of(four_weeks)).status_code == 410


def test_a_second_download_gives_new_links_and_the_first_ones_keep_working(app, client, db, clock):
    send(client, **PHONE_ONLY)
    first = [path_of(e) for e in events(client)]
    second = [path_of(e) for e in events(client)]
    assert set(first).isdisjoint(second)
    assert db["followup_checkins"].count == 2 and db["followup_links"].count == 4
    clock.advance(days=100)  # past the 3-month moment, within the weeks its links work
    assert 'name="nervous"' in client.get(first[1]).get_data(as_text=True)


def test_the_stop_link_in_the_calendar_ends_the_follow_up(app, client, db):
    send(client, **PHONE_ONLY)
    stop = path_of(events(client)[0]) + "/stop"
    assert post_form(client, stop, {}).status_code == 200
    assert db["cases"].get(1)["followup_consent"] == 0
    assert all(c["cancelled_at"] for c in db["followup_checkins"].rows)
    assert "Later even vragen hoe het gaat" not in client.get("/aanmelden/klaar").get_data(as_text=True)


@pytest.mark.parametrize("fields", [
    {"email": "sofie@voorbeeld.be"},  # asked by e-mail instead
    {"followup": ""},  # did not agree to be asked later
])
def test_no_calendar_for_a_worker_asked_by_e_mail_or_not_at_all(client, db, fields):
    send(client, **{**PHONE_ONLY, **fields})
    assert "Later even vragen hoe het gaat" not in client.get("/aanmelden/klaar").get_data(as_text=True)
    response = client.get("/aanmelden/klaar/opvolging.ics")
    assert response.status_code == 302 and db["followup_checkins"].count == 0


def test_without_a_request_in_this_browser_there_is_no_calendar(client, db):
    assert client.get("/aanmelden/klaar/opvolging.ics").status_code == 302
    assert db["followup_checkins"].count == 0
