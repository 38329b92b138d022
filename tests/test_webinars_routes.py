"""Webinar routes: who may manage, the session form, upcoming/live/past on the app clock, the .ics,
live questions (limits, votes, moderation states, the crisis hold) and the counts."""
from datetime import timedelta

import pytest

from helpers import csrf_token, make_config, post_form
from partners_helpers import sign_in

from screener import clock as site_clock
from screener.db import get_db
from screener.webinars import live

LIVE_PAGE = "/webinars/{}/live"


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def add_session(app, starts_in=timedelta(minutes=5), minutes=60, **fields):
    """A session starting `starts_in` from the app's now; returns its id."""
    with app.app_context():
        now = site_clock.now()
        values = {"title": "Slapen na een nachtdienst", "speaker": "Dr. An Peeters", "minutes": minutes,
                  "starts_at": site_clock.iso(now + starts_in), "description": "Tips voor ploegwerk.",
                  "stream_url": "https://live.example.be/slapen", "recording_url": None, **fields}
        return live.save_session(get_db(), None, values, now)


def ask(client, session_id, text, name="", headers=None):
    """Post a question with the token of the list page (opening the live page would count a viewer)."""
    return post_form(client, f"/webinars/{session_id}/vragen", {"text": text, "name": name}, page="/webinars",
                     headers=headers or {})


def questions(db, session_id):
    return list(db.query("SELECT * FROM webinar_questions WHERE session_id = ? ORDER BY id", [session_id]))


# --- who manages ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/partners/webinars", "/partners/webinars/nieuw", "/partners/webinars/{id}",
                                  "/partners/webinars/{id}/vragen", "/partners/webinars/{id}/bewerken"])
def test_visitors_and_provider_teams_cannot_manage_webinars(app, client, path):
    session_id = add_session(app)
    url = path.format(id=session_id)
    response = client.get(url)
    assert response.status_code == 302 and "/partners/inloggen" in response.headers["Location"]
    sign_in(client, app, role="member")
    assert client.get(url).status_code == 404


def test_provider_teams_cannot_approve_a_question(app, client, db):
    session_id = add_session(app)
    ask(client, session_id, "Hoe slaap ik overdag?")
    question_id = questions(db, session_id)[0]["id"]
    sign_in(client, app, role="member")
    response = client.post(f"/partners/webinars/vraag/{question_id}/approve",
                           data={"csrf_token": csrf_token(client.get("/webinars").get_data(as_text=True))})
    assert response.status_code == 404
    assert questions(db, session_id)[0]["status"] == "new"


# --- the session form ----------------------------------------------------------------------------

FORM = {"title": "Omgaan met agressie", "speaker": "Jan Claes", "day": "2026-12-03", "time": "20:00",
        "minutes": "45", "description": "Wat doe je na een incident?", "stream_url": "https://live.example.be/agressie",
        "recording_url": ""}


def test_a_coordinator_creates_a_session_in_belgian_time_stored_in_utc(app, client, db):
    sign_in(client, app)
    response = post_form(client, "/partners/webinars/nieuw", FORM)
    assert response.status_code == 303
    row = db.execute("SELECT title, starts_at, minutes, stream_url FROM webinar_sessions").fetchone()
    assert row == ("Omgaan met agressie", "2026-12-03T19:00:00+00:00", 45, "https://live.example.be/agressie")
    assert "Omgaan met agressie" in client.get("/webinars").get_data(as_text=True)


@pytest.mark.parametrize("field, value, message", [
    ("stream_url", "http://live.example.be/x", "begint met https://"),
    ("recording_url", "javascript:alert(1)", "begint met https://"),
    ("title", "", "Geef de sessie een titel."),
    ("minutes", "drie", "tussen 10 en 480"),
    ("day", "2026-02-31", "Vul een datum"),
])
def test_the_session_form_refuses_bad_input_with_a_dutch_message(app, client, db, field, value, message):
    sign_in(client, app)
    response = post_form(client, "/partners/webinars/nieuw", {**FORM, field: value})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html
    assert "Omgaan met agressie" in html or field == "title"  # the rest is kept
    assert db.execute("SELECT count(*) FROM webinar_sessions").fetchone()[0] == 0


def test_a_recording_is_added_afterwards(app, client, clock, db):
    session_id = add_session(app, starts_in=timedelta(days=-2))
    sign_in(client, app)
    page = client.get(f"/partners/webinars/{session_id}/bewerken").get_data(as_text=True)
    assert 'value="Slapen na een nachtdienst"' in page and 'value="60"' in page
    response = post_form(client, f"/partners/webinars/{session_id}/bewerken",
                         {**FORM, "day": "2026-11-20", "recording_url": "https://video.example.be/opname"})
    assert response.status_code == 303
    html = client.get(f"/webinars/{session_id}").get_data(as_text=True)
    assert "https://video.example.be/opname" in html and "Op onze site laden we niets van video.example.be" in html


# --- upcoming, live, past --------------------------------------------------------------------------

def test_sessions_move_from_upcoming_to_live_to_past_with_the_clock(app, client, clock):
    session_id = add_session(app, starts_in=timedelta(hours=2))

    def section_of_session():
        html = client.get("/webinars").get_data(as_text=True)
        position = html.index("Slapen na een nachtdienst")
        return max(("Nu live", "Binnenkort", "Eerder"), key=lambda h: html.rfind(h, 0, position))

    assert section_of_session() == "Binnenkort"
    assert "nog niet begonnen" in client.get(LIVE_PAGE.format(session_id)).get_data(as_text=True)
    clock.advance(hours=1, minutes=50)
    assert section_of_session() == "Nu live"
    live_html = client.get(LIVE_PAGE.format(session_id)).get_data(as_text=True)
    assert "Stel je vraag" in live_html and 'hx-trigger="every 3s"' in live_html
    clock.advance(hours=1, minutes=11)
    assert section_of_session() == "Eerder"
    past_html = client.get(LIVE_PAGE.format(session_id)).get_data(as_text=True)
    assert "Deze sessie is voorbij" in past_html and 'name="text"' not in past_html


def test_the_stream_loads_only_after_a_click_and_the_csp_stays_strict(app, client, clock):
    session_id = add_session(app)
    response = client.get(LIVE_PAGE.format(session_id))
    html = response.get_data(as_text=True)
    assert "<iframe" not in html and "<details" in html and "Op onze site laden we niets van live.example.be" in html
    assert "live.example.be" not in response.headers["Content-Security-Policy"]


def test_the_ics_file_holds_the_session(app, client):
    session_id = add_session(app, starts_in=timedelta(days=3))
    response = client.get(f"/webinars/{session_id}/agenda.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    import icalendar

    event = icalendar.Calendar.from_ical(response.data).walk("VEVENT")[0]
    with app.app_context():
        start = site_clock.now() + timedelta(days=3)
    assert str(event["summary"]) == "Slapen na een nachtdienst"
    assert event.decoded("dtstart") == start.replace(microsecond=0)
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=60)
    assert str(event["url"]).endswith(f"/webinars/{session_id}")
    assert client.get("/webinars/999/agenda.ics").status_code == 404


# --- questions ----------------------------------------------------------------------------------

def test_a_question_waits_for_the_moderator_and_then_shows_for_viewers(app, client, db):
    session_id = add_session(app)
    response = ask(client, session_id, "Hoe slaap ik overdag?")
    assert response.status_code == 200 and "Verstuurd" in response.get_data(as_text=True)
    question = questions(db, session_id)[0]
    assert question["status"] == "new" and question["name"] is None  # anonymous by default
    viewers = app.test_client()
    assert "Hoe slaap ik overdag?" not in viewers.get(f"/webinars/{session_id}/vragen").get_data(as_text=True)

    moderator = app.test_client()
    sign_in(moderator, app)
    page = moderator.get(f"/partners/webinars/{session_id}").get_data(as_text=True)
    assert "Hoe slaap ik overdag?" in page and 'hx-trigger="every 3s"' in page
    response = post_form(moderator, f"/partners/webinars/vraag/{question['id']}/approve", {},
                         page=f"/partners/webinars/{session_id}")
    assert response.status_code == 303
    assert "Hoe slaap ik overdag?" in viewers.get(f"/webinars/{session_id}/vragen").get_data(as_text=True)


def test_a_question_of_more_than_300_characters_is_refused_and_kept(app, client, db):
    session_id = add_session(app)
    text = "Waarom " + "a" * 300
    response = ask(client, session_id, text, name="Sam")
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "maximaal 300 tekens" in html and text in html
    assert questions(db, session_id) == []
    assert ask(client, session_id, "", name="Sam").status_code == 422


def test_questions_are_closed_outside_the_session(app, client, clock, db):
    session_id = add_session(app, starts_in=timedelta(hours=3))
    response = ask(client, session_id, "Is er een opname?")
    assert response.status_code == 409 and "alleen tijdens de sessie" in response.get_data(as_text=True)
    assert questions(db, session_id) == []


def test_a_question_about_suicide_is_held_and_the_asker_sees_the_crisis_numbers(app, client, db):
    session_id = add_session(app)
    for headers in ({"HX-Request": "true"}, {}):  # the htmx swap and the page without JavaScript
        response = ask(client, session_id, "Ik denk soms aan zelfmoord na een zware dienst", headers=headers)
        html = response.get_data(as_text=True)
        crisis = html[html.index('id="crisis-webinar"'):]
        assert "Hier kun je nu terecht" in crisis and 'href="tel:1813"' in crisis and "Verstuurd" not in html
    assert len(questions(db, session_id)) == 2
    question = questions(db, session_id)[0]
    assert question["flagged"] == 1 and question["status"] == "new"
    moderator = app.test_client()
    sign_in(moderator, app)
    assert "Let op: zelfdoding of zelfbeschadiging" in moderator.get(f"/partners/webinars/{session_id}").get_data(as_text=True)
    for page in (f"/webinars/{session_id}/vragen", LIVE_PAGE.format(session_id)):
        assert "zelfmoord na een zware dienst" not in app.test_client().get(page).get_data(as_text=True)


def test_moderation_states_star_answered_and_hide(app, client, db):
    session_id = add_session(app)
    for text in ("Eerste vraag?", "Tweede vraag?", "Derde vraag?"):
        ask(client, session_id, text)
    first, second, third = (q["id"] for q in questions(db, session_id))
    moderator = app.test_client()
    sign_in(moderator, app)
    page = f"/partners/webinars/{session_id}"
    act = lambda qid, action: post_form(moderator, f"/partners/webinars/vraag/{qid}/{action}", {}, page=page,  # noqa: E731
                                         headers={"HX-Request": "true"})
    assert act(first, "star").status_code == 409  # a new question cannot be starred yet
    for qid in (first, second, third):
        assert act(qid, "approve").status_code == 200
    assert act(first, "star").status_code == 200
    assert act(first, "answered").status_code == 200
    polled = moderator.get(f"/partners/webinars/{session_id}/vragen", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert polled.lstrip().startswith("{#") is False and 'id="moderate-questions"' in polled and "partners-nav" not in polled
    response = act(third, "hide")
    assert response.status_code == 200 and "Verborgen" in response.get_data(as_text=True)
    rows = {q["id"]: (q["status"], q["starred"], q["answered"]) for q in questions(db, session_id)}
    assert rows == {first: ("approved", 1, 1), second: ("approved", 0, 0), third: ("hidden", 0, 0)}
    viewer_html = app.test_client().get(f"/webinars/{session_id}/vragen").get_data(as_text=True)
    assert "Derde vraag?" not in viewer_html
    assert viewer_html.index("Tweede vraag?") < viewer_html.index("Eerste vraag?")  # answered ones move down
    assert "Uitgelicht" in viewer_html
    assert act(first, "fly").status_code == 404


def test_one_vote_per_question_per_browser_and_the_most_voted_goes_up(app, client, db):
    session_id = add_session(app)
    for text in ("Eerste vraag?", "Tweede vraag?"):
        ask(client, session_id, text)
    first, second = (q["id"] for q in questions(db, session_id))
    with app.app_context():
        for qid in (first, second):
            live.moderate(get_db(), {"id": qid, "status": "new"}, "approve")
    url = LIVE_PAGE.format(session_id)
    vote = lambda c, qid, agent: post_form(c, f"/webinars/vraag/{qid}/stem", {}, page=url,  # noqa: E731
                                           headers={"User-Agent": agent})
    assert "Je stem is geteld" in vote(client, second, "Browser A").get_data(as_text=True)
    again = vote(client, second, "Browser A").get_data(as_text=True)
    assert "Je stemde al op deze vraag" in again
    vote(app.test_client(), second, "Browser B")
    assert db.execute("SELECT count(*) FROM webinar_votes WHERE question_id = ?", [second]).fetchone()[0] == 2
    html = app.test_client().get(f"/webinars/{session_id}/vragen").get_data(as_text=True)
    assert html.index("Tweede vraag?") < html.index("Eerste vraag?") and "2 stemmen" in html
    # No cookie is involved: the vote is kept with the day's visitor hash, never an address.
    stored = db.execute("SELECT visitor FROM webinar_votes").fetchall()
    assert all(len(v) == 32 and "127.0.0.1" not in v for (v,) in stored)


def test_after_belgian_midnight_the_same_browser_is_new_again(app, client, clock, db):
    session_id = add_session(app, starts_in=timedelta(hours=13, minutes=50), minutes=180)  # 23:50 until 02:50
    clock.advance(hours=13, minutes=50)
    ask(client, session_id, "Vraag voor middernacht?")
    question_id = questions(db, session_id)[0]["id"]
    with app.app_context():
        live.moderate(get_db(), {"id": question_id, "status": "new"}, "approve")
    url = LIVE_PAGE.format(session_id)
    client.get(url)
    assert "geteld" in post_form(client, f"/webinars/vraag/{question_id}/stem", {}, page=url).get_data(as_text=True)
    clock.advance(minutes=20)  # 00:10 the next day: a new day's secret, a new pseudonym
    client.get(url)
    assert "geteld" in post_form(client, f"/webinars/vraag/{question_id}/stem", {}, page=url).get_data(as_text=True)
    assert db.execute("SELECT count(*) FROM webinar_viewers").fetchone()[0] == 2


def test_viewers_questions_and_answers_are_counted_per_session(app, client, db):
    session_id = add_session(app)
    for agent in ("A", "A", "B", "C"):
        client.get(LIVE_PAGE.format(session_id), headers={"User-Agent": f"Mozilla/5.0 {agent}"})
    ask(client, session_id, "Een vraag?")
    ask(client, session_id, "Nog een vraag?")
    qid = questions(db, session_id)[0]["id"]
    with app.app_context():
        live.moderate(get_db(), {"id": qid, "status": "new"}, "approve")
        live.moderate(get_db(), {"id": qid, "status": "approved", "answered": 0}, "answered")
    moderator = app.test_client()
    sign_in(moderator, app)
    html = moderator.get(f"/partners/webinars/{session_id}").get_data(as_text=True)
    assert '<strong data-count="viewers">3</strong>' in html
    assert '<strong data-count="asked">2</strong>' in html and '<strong data-count="answered">1</strong>' in html


def test_the_dashboard_shows_the_webinars_table(app, client, db):
    session_id = add_session(app, starts_in=timedelta(days=-1))
    with app.app_context():
        for n in range(6):
            live.count_viewer(get_db(), session_id, site_clock.now() - timedelta(days=1), "10.0.0.1", f"agent {n}")
    sign_in(client, app)
    html = client.get("/rapporten/").get_data(as_text=True)
    assert "blok-webinars" in html and "Slapen na een nachtdienst" in html


# --- the rate limit --------------------------------------------------------------------------------

@pytest.fixture
def limited_app(tmp_path, clock):
    from screener import create_app

    return create_app(make_config(tmp_path, CLOCK=clock, RATELIMIT_ENABLED=True, WEBINAR_QUESTION_LIMIT="2 per minute"))


def test_asking_is_rate_limited_per_client_and_keeps_the_text(limited_app):
    app = limited_app
    session_id = add_session(app)
    client = app.test_client()
    assert ask(client, session_id, "Een").status_code == 200
    assert ask(client, session_id, "Twee").status_code == 200
    response = ask(client, session_id, "Drie, te veel?")
    html = response.get_data(as_text=True)
    assert response.status_code == 429 and "Wacht een paar minuten" in html and "Drie, te veel?" in html
    other = app.test_client()
    assert post_form(other, f"/webinars/{session_id}/vragen", {"text": "Van elders"}, page=LIVE_PAGE.format(session_id),
                     environ_base={"REMOTE_ADDR": "10.9.9.9"}).status_code == 200


def test_the_demo_has_a_past_session_with_a_recording_and_an_upcoming_one(app, client):
    from screener.webinars import demo

    with app.app_context():
        demo.seed(app, get_db())
        demo.seed(app, get_db())  # a second run adds nothing
    html = client.get("/webinars").get_data(as_text=True)
    assert html.count('class="card"') == 2
    assert html.index("Binnenkort") < html.index(demo.UPCOMING["title"]) < html.index("Eerder") < html.index(demo.PAST["title"])
    assert "De opname staat klaar." in html


def test_retention_erases_old_questions_and_the_counts_stay(app, client, db, clock, runner):
    session_id = add_session(app)
    ask(client, session_id, "Hoe slaap ik na een nachtdienst?", name="Lies")
    clock.advance(days=89)
    assert "webinar_questions_erased 0" in runner.invoke(args=["retention", "run"]).output
    clock.advance(days=2)
    assert "webinar_questions_erased 1" in runner.invoke(args=["retention", "run"]).output
    [question] = questions(db, session_id)
    assert (question["text"], question["name"]) == ("", None)
    moderator = app.test_client()
    sign_in(moderator, app)
    html = moderator.get(f"/partners/webinars/{session_id}").get_data(as_text=True)
    assert '<strong data-count="asked">1</strong>' in html and "Deze vraag is na 90 dagen gewist." in html
