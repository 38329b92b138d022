"""The screener over HTTP: every step as page and as fragment, the JS-off flow, and every bad input."""
import re
from datetime import datetime, timedelta, timezone

import pytest
from flask import url_for

from helpers import csrf_token, make_config, page_token
from screener import create_app
from screener.screening import abandon_stale_job
from screener.screening.current import completed_screening

HX = {"HX-Request": "true"}
LOW = [0, 0, 0, 0, 0, 5, 4, 4, 5, 4, 0, 3]  # a calm week: green
HIGH = [3, 2, 3, 3, 1, 1, 0, 1, 0, 1, 3, 0]  # anxious, low, a safety answer: red with crisis
TOTAL = 12
SAFETY = 5  # the number of the safety question


def begin(client, headers=None):
    token = page_token(client, "/screener")
    response = client.post("/screener/start", data={"csrf_token": token}, headers=headers or {})
    return token, response


def answer_all(client, token, values, headers=None):
    for number, value in enumerate(values, 1):
        response = client.post(f"/screener/vraag/{number}", data={"csrf_token": token, "answer": str(value)},
                               headers=headers or {})
        expected = 200 if "HX-Request" in (headers or {}) else 303  # a fragment for htmx, else the next page
        assert response.status_code == expected, (number, response.status_code)
    return response


def the_screening(db):
    # Screenings keep no time and no order: a browser's run in progress or completed comes first.
    rows = list(db.query("SELECT * FROM screenings ORDER BY status = 'abandoned', id"))
    return rows[0] if rows else None


def main_text(response):
    html = response.get_data(as_text=True)
    html = html.split('<main id="main" tabindex="-1">', 1)[-1].split("</main>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_intro_is_a_full_page_that_is_never_cached(client):
    response = client.get("/screener")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "HX-Request" in response.headers["Vary"]
    assert html.startswith("<!doctype html>") and "Start de screener" in html
    assert "Anoniem" in html


def test_intro_as_fragment_is_the_same_partial_without_the_layout(client):
    page = client.get("/screener").get_data(as_text=True)
    response = client.get("/screener", headers=HX)
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert "<html" not in fragment and "<footer" not in fragment
    assert fragment.strip().startswith('<section class="stack screener"')
    assert 'data-focus>Hoe gaat het echt met je?</h1>' in fragment
    # Boosted navigation asks for the whole page, not the fragment.
    assert "<html" in client.get("/screener", headers={**HX, "HX-Boosted": "true"}).get_data(as_text=True)
    assert "Start de screener" in page


def test_without_javascript_every_step_is_a_form_post_that_redirects(client, db):
    token, response = begin(client)
    assert response.status_code == 303 and response.headers["Location"] == "/screener/vraag/1"
    for number, value in enumerate(LOW, 1):
        page = client.get(f"/screener/vraag/{number}")
        assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
        assert f"Vraag {number} van {TOTAL}" in main_text(page)
        response = client.post(f"/screener/vraag/{number}", data={"csrf_token": token, "answer": str(value)})
        expected = f"/screener/vraag/{number + 1}" if number < TOTAL else "/screener/over-jou"
        assert response.status_code == 303 and response.headers["Location"] == expected
    assert "Nog even over jou" in main_text(client.get("/screener/over-jou"))
    response = client.post("/screener/over-jou", data={"csrf_token": token, "gender": "vrouw", "sector": "home_care", "province": ""})
    assert response.status_code == 303 and response.headers["Location"] == "/screener/resultaat"
    result = client.get("/screener/resultaat")
    text = main_text(result)
    assert result.headers["Cache-Control"] == "no-store"
    assert "Het lijkt goed met je te gaan" in text and "Toon mijn scores" in text
    # How to read the scores, from the content's own cut-offs.
    assert ("PHQ-4: 0–2: geen of weinig klachten; 3–5: lichte klachten; 6–8: matige klachten; 9–12: ernstige "
            "klachten. WHO-5: 50 of minder is laag, 28 of minder heel laag.") in " ".join(text.split())
    row = the_screening(db)
    assert (row["status"], row["band"], row["crisis"], row["phq4"], row["who5"]) == ("completed", "green", 0, 0, 88)
    # The optional profile is only counted for the day, never stored with the answers.
    assert not {"gender", "sector", "province", "completed_at"} & set(row)
    assert row["current_item"] == "result" and row["moved_at"] is None
    profile = {(r["dimension"], r["value"]): r["count"] for r in db["screening_tallies"].rows if r["dimension"] != "language"}
    assert profile == {("gender", "vrouw"): 1, ("sector", "home_care"): 1, ("province", ""): 1}


def test_with_htmx_each_step_returns_the_next_screen_and_its_address(client, db):
    token, response = begin(client, HX)
    assert response.status_code == 200 and response.headers["HX-Push-Url"] == "/screener/vraag/1"
    assert "Vraag 1 van 12" in response.get_data(as_text=True)
    for number, value in enumerate(HIGH, 1):
        response = client.post(f"/screener/vraag/{number}", data={"answer": str(value)},
                               headers={**HX, "X-CSRFToken": token})
        fragment = response.get_data(as_text=True)
        assert response.status_code == 200 and "<html" not in fragment
        assert "HX-Request" in response.headers["Vary"] and response.headers["Cache-Control"] == "no-store"
        if number == SAFETY:  # a positive safety answer: its own screen before the next question
            assert response.headers["HX-Push-Url"] == "/screener/steun"
            assert "Bel me vandaag nog" in fragment and f'href="/screener/vraag/{number + 1}"' in fragment
        elif number < TOTAL:
            assert response.headers["HX-Push-Url"] == f"/screener/vraag/{number + 1}"
            assert f"Vraag {number + 1} van {TOTAL}" in fragment
        else:
            assert response.headers["HX-Push-Url"] == "/screener/over-jou"
    response = client.post("/screener/over-jou", data={"sector": "hospital"}, headers={**HX, "X-CSRFToken": token})
    fragment = response.get_data(as_text=True)
    assert response.headers["HX-Push-Url"] == "/screener/resultaat"
    assert "Het is nu echt zwaar voor je" in fragment and 'href="tel:1813"' in fragment
    # Under the heading: the crisis numbers, then the request card, before anything else.
    assert fragment.index("<h1") < fragment.index("tel:1813") < fragment.index('name="reach"') < fragment.index("screener-band")
    row = the_screening(db)
    assert (row["band"], row["crisis"], row["phq_anxiety"], row["phq_depression"], row["who5"]) == ("red", 1, 5, 6, 12)


def test_javascript_on_and_off_give_identical_results(app, db):
    stored = []
    for headers in ({}, HX):
        client = app.test_client()
        token, _ = begin(client, headers)
        answer_all(client, token, HIGH, {**headers, "X-CSRFToken": token})
        client.post("/screener/over-jou", data={"csrf_token": token, "gender": "man"}, headers=headers)
        stored.append({k: the_screening(db)[k] for k in ("answers", "phq_anxiety", "phq_depression", "phq4", "who5", "band", "crisis", "status")})
        result_page = main_text(client.get("/screener/resultaat"))
        stored[-1]["page"] = result_page
    assert stored[0] == stored[1]
    assert db.execute("SELECT count FROM screening_tallies WHERE dimension = 'gender' AND value = 'man'").fetchone() == (2,)


def test_every_step_fragment_is_small(client):
    token, response = begin(client, HX)
    sizes = [len(response.get_data())]
    for number, value in enumerate(HIGH, 1):
        response = client.post(f"/screener/vraag/{number}", data={"answer": str(value)}, headers={**HX, "X-CSRFToken": token})
        sizes.append(len(response.get_data()))
    assert max(sizes) <= 4096, sizes


def test_back_link_shows_earlier_answers_checked(client):
    token, _ = begin(client)
    answer_all(client, token, [2, 1, 3])
    page = client.get("/screener/vraag/2", headers=HX).get_data(as_text=True)
    assert re.search(r'value="1"\s+checked', page)
    assert 'href="/screener/vraag/1"' in page and "Vorige" in page
    # Changing an earlier answer keeps the later ones.
    client.post("/screener/vraag/2", data={"csrf_token": token, "answer": "0"})
    page = client.get("/screener/vraag/3").get_data(as_text=True)
    assert re.search(r'value="3"\s+checked', page)


def test_a_missing_answer_gets_422_and_the_question_again(client, db):
    token, _ = begin(client)
    answer_all(client, token, [1])
    for data in ({"csrf_token": token}, {"csrf_token": token, "answer": ""}):
        response = client.post("/screener/vraag/2", data=data)
        assert response.status_code == 422
        assert "Kies een antwoord om verder te gaan." in main_text(response)
        assert "Vraag 2 van 12" in main_text(response)
    fragment = client.post("/screener/vraag/2", data={}, headers={**HX, "X-CSRFToken": token})
    assert fragment.status_code == 422 and 'aria-invalid="true"' in fragment.get_data(as_text=True)
    row = the_screening(db)
    assert row["answers"] == '{"nervous": 1}' and row["status"] == "in_progress"


@pytest.mark.parametrize("value", ["4", "-1", "veel", "1; DROP TABLE screenings"])
def test_an_unknown_option_gets_422_and_stores_nothing(client, db, value):
    token, _ = begin(client)
    response = client.post("/screener/vraag/1", data={"csrf_token": token, "answer": value})
    assert response.status_code == 422
    assert "Dit antwoord kennen we niet" in main_text(response)
    assert the_screening(db)["answers"] == "{}"


def test_a_replayed_step_after_completion_gets_409_and_changes_nothing(client, db):
    token, _ = begin(client)
    answer_all(client, token, LOW)
    client.post("/screener/over-jou", data={"csrf_token": token})
    before = dict(the_screening(db))
    response = client.post("/screener/vraag/3", data={"csrf_token": token, "answer": "3"})
    assert response.status_code == 409
    assert "Je hebt de screener al ingevuld" in main_text(response)
    assert client.post("/screener/over-jou", data={"csrf_token": token, "gender": "man"}).status_code == 409
    assert dict(the_screening(db)) == before
    # A completed run is not shown again as questions.
    assert client.get("/screener/vraag/3").headers["Location"] == "/screener/resultaat"


@pytest.mark.parametrize("kept", [{"id": "not-a-real-id"}, "not-a-token"])
def test_an_unknown_or_tampered_screening_id_gets_410(app, client, db, kept):
    from screener import crypto

    token = page_token(client, "/screener")
    with app.app_context():
        value = crypto.encrypt(kept) if isinstance(kept, dict) else kept
    with client.session_transaction() as session:
        session["screening"] = value
    response = client.post("/screener/vraag/1", data={"csrf_token": token, "answer": "1"})
    assert response.status_code == 410
    assert "We vinden je antwoorden niet meer terug" in main_text(response)
    assert db["screenings"].count == 0


def test_a_tampered_session_cookie_is_ignored_and_gets_400(client, db):
    # An expired or unknown run with a valid CSRF token gets 410: see the tests around this one.
    token, _ = begin(client)
    cookie = client.get_cookie("zs_session")
    client.set_cookie("zs_session", cookie.value[:-3] + ("AAA" if not cookie.value.endswith("AAA") else "BBB"))
    response = client.post("/screener/vraag/1", data={"csrf_token": token, "answer": "1"})
    # The signed session no longer verifies: without it there is no CSRF token either, so the form is refused.
    assert response.status_code == 400
    assert "formulier was verlopen" in main_text(response)
    assert the_screening(db)["answers"] == "{}"


def test_an_expired_run_gets_410_with_a_way_to_start_over(app, client, db):
    token, _ = begin(client)
    answer_all(client, token, [1, 1])
    later = datetime.now(timezone.utc) + timedelta(minutes=61)
    app.config["CLOCK"] = lambda: later
    with app.app_context():
        abandon_stale_job(app)
    response = client.post("/screener/vraag/3", data={"csrf_token": token, "answer": "1"})
    assert response.status_code == 410
    assert "Opnieuw beginnen" in main_text(response) and 'action="/screener/start"' in response.get_data(as_text=True)
    row = the_screening(db)
    assert row["status"] == "abandoned" and row["answers"] == '{"nervous": 1, "worry": 1}'
    assert client.get("/screener/vraag/3").headers["Location"] == "/screener"


def test_a_post_without_csrf_token_gets_400_and_stores_nothing(client, db):
    begin(client)
    response = client.post("/screener/vraag/1", data={"answer": "2"})
    assert response.status_code == 400
    assert "formulier was verlopen" in main_text(response)
    assert the_screening(db)["answers"] == "{}"
    assert client.post("/screener/start").status_code == 400
    assert db["screenings"].count == 1


def test_an_expired_page_shows_the_question_again_with_the_answer_kept(tmp_path, clock):
    app = create_app(make_config(tmp_path, CLOCK=clock, WTF_CSRF_TIME_LIMIT=1))
    client = app.test_client()
    token, _ = begin(client)
    client.post("/screener/vraag/1", data={"csrf_token": token, "answer": "1"})
    clock.advance(seconds=2)  # the phone lay in a pocket: the token is now older than its time limit
    for headers in ({}, {**HX, "X-CSRFToken": token}):
        response = client.post("/screener/vraag/2", data={"csrf_token": token, "answer": "2"}, headers=headers)
        assert response.status_code == 400
        text = response.get_data(as_text=True)
        assert "Je antwoord staat er nog: druk opnieuw op Volgende." in text and "Vraag 2 van 12" in text
        assert re.search(r'<input type="radio" name="answer" value="2" checked', text)
    with app.app_context():
        from screener.db import get_db
        assert list(get_db().query("SELECT answers FROM screenings"))[0]["answers"] == '{"nervous": 1}'
    fresh = csrf_token(text)
    again = client.post("/screener/vraag/2", data={"csrf_token": fresh, "answer": "2"})
    assert again.status_code == 303 and again.headers["Location"] == "/screener/vraag/3"


def test_an_expired_safety_question_keeps_the_crisis_numbers_open_for_the_kept_answer(tmp_path, clock):
    app = create_app(make_config(tmp_path, CLOCK=clock, WTF_CSRF_TIME_LIMIT=1))
    client = app.test_client()
    token, _ = begin(client)
    answer_all(client, token, [0, 0, 1, 1])
    clock.advance(seconds=2)
    response = client.post("/screener/vraag/5", data={"csrf_token": token, "answer": "2"})
    text = response.get_data(as_text=True)
    assert response.status_code == 400 and re.search(r'<input type="radio" name="answer" value="2" checked', text)
    assert 'id="crisis-now" class="screener-crisis">' in text  # shown, not hidden


def test_an_expired_profile_page_keeps_the_choices_and_completes_nothing(tmp_path, clock):
    app = create_app(make_config(tmp_path, CLOCK=clock, WTF_CSRF_TIME_LIMIT=1))
    client = app.test_client()
    token, _ = begin(client)
    answer_all(client, token, LOW)
    clock.advance(seconds=2)
    response = client.post("/screener/over-jou", data={"csrf_token": token, "sector": "home_care"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Je keuzes staan er nog" in text and '<option value="home_care" selected>' in text
    with app.app_context():
        from screener.db import get_db
        assert list(get_db().query("SELECT status FROM screenings"))[0]["status"] == "in_progress"
    fresh = csrf_token(text)
    done = client.post("/screener/over-jou", data={"csrf_token": fresh, "sector": "home_care"})
    assert done.status_code == 303 and done.headers["Location"] == "/screener/resultaat"


def test_questions_cannot_be_skipped(client, db):
    token, _ = begin(client)
    answer_all(client, token, [1, 1])
    response = client.post("/screener/vraag/6", data={"csrf_token": token, "answer": "4"})
    assert response.status_code == 303 and response.headers["Location"] == "/screener/vraag/3"
    assert client.get("/screener/vraag/9").headers["Location"] == "/screener/vraag/3"
    assert client.get("/screener/over-jou").headers["Location"] == "/screener/vraag/3"
    assert the_screening(db)["answers"] == '{"nervous": 1, "worry": 1}'
    missing = client.get("/screener/vraag/13")
    assert missing.status_code == 404 and "Deze vraag bestaat niet" in main_text(missing)


def test_an_unknown_profile_option_gets_422_and_the_run_stays_open(client, db):
    token, _ = begin(client)
    answer_all(client, token, LOW)
    response = client.post("/screener/over-jou", data={"csrf_token": token, "gender": "vrouw", "sector": "bakkerij"})
    assert response.status_code == 422
    assert "Dit antwoord kennen we niet" in main_text(response)
    assert re.search(r'value="vrouw"\s+selected', response.get_data(as_text=True))
    assert the_screening(db)["status"] == "in_progress"


def test_a_positive_safety_answer_gets_a_screen_of_its_own_without_javascript(client, db):
    token, _ = begin(client)
    answer_all(client, token, [0, 0, 1, 1])
    safety = client.get("/screener/vraag/5").get_data(as_text=True)
    assert re.search(r'id="crisis-now" class="screener-crisis"\s+hidden', safety)
    assert 'data-reveals="crisis-now"' in safety
    response = client.post("/screener/vraag/5", data={"csrf_token": token, "answer": "1"})
    assert the_screening(db)["crisis"] == 1
    assert response.status_code == 303 and response.headers["Location"] == "/screener/steun"
    page = client.get("/screener/steun")
    text, html = main_text(page), page.get_data(as_text=True)
    assert "Dank je dat je het zegt" in text and "denkt aan de dood of aan jezelf pijn doen" in text
    assert 'href="/aanmelden/vandaag"' in html and "Bel me vandaag nog" in text
    for number in ('href="tel:1813"', "zelfmoord1813.be/chat", 'href="tel:106"', 'href="tel:112"'):
        assert number in html
    assert html.index("/aanmelden/vandaag") < html.index("tel:1813") < html.index('href="/screener/vraag/6"')
    assert "Verder met de vragen" in text
    # The next question itself no longer repeats the help box (the footer keeps the numbers).
    assert "Heb je nu hulp nodig?" not in main_text(client.get("/screener/vraag/6"))
    # Going back to the safety item shows the box at once.
    assert not re.search(r'id="crisis-now" class="screener-crisis"\s+hidden', client.get("/screener/vraag/5").get_data(as_text=True))
    # Changing the answer to 0 clears the flag and goes straight on.
    response = client.post("/screener/vraag/5", data={"csrf_token": token, "answer": "0"})
    assert the_screening(db)["crisis"] == 0 and response.headers["Location"] == "/screener/vraag/6"
    assert client.get("/screener/steun").headers["Location"] == "/screener"


def test_current_item_follows_the_screen_shown(client, db):
    token, _ = begin(client)
    assert the_screening(db)["current_item"] == "nervous"
    answer_all(client, token, [1, 1, 1])
    assert the_screening(db)["current_item"] == "down"
    client.get("/screener/vraag/2")
    assert the_screening(db)["current_item"] == "worry"


def test_start_over_abandons_the_open_run_and_forgets_the_answers(client, db):
    token, _ = begin(client)
    answer_all(client, token, [2, 2, 2])
    first = the_screening(db)["id"]
    response = client.post("/screener/opnieuw", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == "/screener"
    assert db["screenings"].get(first)["status"] == "abandoned"
    assert db["screenings"].get(first)["current_item"] == "down"
    assert client.get("/screener/vraag/2").headers["Location"] == "/screener"
    assert "Start de screener" in main_text(client.get("/screener"))


def test_starting_again_while_in_progress_abandons_the_old_run(client, db):
    token, _ = begin(client)
    first = the_screening(db)["id"]
    assert "Verder waar je was" in main_text(client.get("/screener"))
    client.post("/screener/start", data={"csrf_token": token})
    rows = {r["id"]: r["status"] for r in db.query("SELECT id, status FROM screenings")}
    assert rows[first] == "abandoned" and sorted(rows.values()) == ["abandoned", "in_progress"]


def test_the_worker_marks_only_runs_untouched_for_an_hour_abandoned(app, client, db):
    token, _ = begin(client)
    answer_all(client, token, [1])
    start = datetime.now(timezone.utc)
    for minutes, expected in ((59, "in_progress"), (61, "abandoned")):
        app.config["CLOCK"] = lambda minutes=minutes: start + timedelta(minutes=minutes)
        with app.app_context():
            abandon_stale_job(app)
        assert the_screening(db)["status"] == expected
    assert the_screening(db)["current_item"] == "worry"
    assert "screening_abandon" in [name for name, _, _ in app.extensions["worker_jobs"]]


def test_completed_screening_gives_the_request_form_this_browsers_result(client):
    with client:
        client.get("/screener")
        assert completed_screening() is None
    token, _ = begin(client)
    answer_all(client, token, HIGH)
    with client:
        client.get("/screener")
        assert completed_screening() is None  # still in progress
    client.post("/screener/over-jou", data={"csrf_token": token, "gender": "andere", "sector": "youth_care", "province": "limburg"})
    with client:
        client.get("/screener/resultaat")
        row = completed_screening()
    assert (row["band"], row["crisis"], row["gender"], row["sector"], row["province"]) == ("red", 1, "andere", "youth_care", "limburg")
    assert row["phq4"] == 11 and row["who5"] == 12 and row["answers"]["safety"] == 1


def test_results_link_to_the_request_form_the_first_helper_and_show_scores(app, client):
    with app.test_request_context():
        request_form, first_helper = url_for("requests.request_form"), url_for("firsthelper.index")
    token, _ = begin(client)
    answer_all(client, token, HIGH)
    client.post("/screener/over-jou", data={"csrf_token": token})
    html = client.get("/screener/resultaat").get_data(as_text=True)
    text = main_text(client.get("/screener/resultaat"))
    assert f'href="{request_form}"' in html and f'href="{first_helper}"' in html
    # The short request card is on the result itself; the full form stays one link away.
    assert "Wil je dat iemand je contacteert?" in text and 'name="reach"' in html and "Verstuur" in text
    assert "Praat met een collega die je vertrouwt" in text
    for domain in ("Spanning en piekeren", "Stemming", "Welbevinden", "Slaap", "Steun op het werk"):
        assert domain in text
    assert "11 / 12" in text and "12 / 100" in text and "ernstige klachten" in text
    assert "data-print" in html and "Opnieuw beginnen" in text


def test_the_screener_speaks_english_when_chosen(client, db):
    client.get("/taal/en?next=/screener")
    token, _ = begin(client)
    page = client.get("/screener/vraag/1").get_data(as_text=True)
    assert "How often were you feeling nervous, anxious or on edge?" in page
    # Counted per day, not kept with the run: an English request would otherwise point at it.
    assert "language" not in the_screening(db)
    assert db.execute("SELECT value, count FROM screening_tallies WHERE dimension = 'language'").fetchall() == [("en", 1)]


def test_results_without_a_completed_run_go_back_to_the_intro(client):
    assert client.get("/screener/resultaat").headers["Location"] == "/screener"
    assert client.get("/screener/vraag/1").headers["Location"] == "/screener"


def test_start_on_the_home_page_goes_straight_to_the_first_question(client, db):
    home = client.get("/").get_data(as_text=True)
    assert 'action="/screener/start"' in home
    response = client.post("/screener/start", data={"csrf_token": page_token(client, "/")})
    assert response.status_code == 303 and response.headers["Location"] == "/screener/vraag/1"
    assert "Vraag 1 van 12" in client.get("/screener/vraag/1").get_data(as_text=True)


def test_a_browser_in_english_gets_english_until_the_visitor_chooses(client):
    english = {"Accept-Language": "en-GB,en;q=0.9"}
    page = client.get("/screener", headers=english).get_data(as_text=True)
    assert 'lang="en"' in page and "Start the screener" in page
    assert 'lang="nl"' in client.get("/screener", headers={"Accept-Language": "fr-BE,fr;q=0.9"}).get_data(as_text=True)
    assert 'lang="nl"' in client.get("/screener", headers={"Accept-Language": "nl-BE,en;q=0.5"}).get_data(as_text=True)
    client.get("/taal/nl?next=/screener")  # a choice on the site wins over the browser's language
    assert 'lang="nl"' in client.get("/screener", headers=english).get_data(as_text=True)


def test_a_green_result_has_no_help_box_and_no_card_but_a_way_to_ask(client):
    token, _ = begin(client)
    answer_all(client, token, LOW)
    client.post("/screener/over-jou", data={"csrf_token": token})
    response = client.get("/screener/resultaat")
    text, html = main_text(response), response.get_data(as_text=True)
    assert "Het lijkt goed met je te gaan" in text
    main = html.split('<main id="main" tabindex="-1">', 1)[-1].split("</main>", 1)[0]
    assert 'class="crisis' not in main and 'name="reach"' not in main
    assert "Toch even praten?" in text and 'href="/aanmelden/kaart"' in main
    assert 'href="tel:1813"' in html  # the footer keeps the numbers on every page


def test_the_profile_and_the_sources_speak_plain_dutch(client):
    token, _ = begin(client)
    answer_all(client, token, LOW)
    profile = client.get("/screener/over-jou").get_data(as_text=True)
    assert "Zeg ik liever niet" in profile and "Wens ik niet te zeggen" not in profile
    client.post("/screener/over-jou", data={"csrf_token": token})
    result = main_text(client.get("/screener/resultaat"))
    assert "Eigen vragen van ZorgSamen" in result and "own items" not in result
