""""Had je iets aan dit resultaat?" on every result: one anonymous tap counted once per result per day,
band and answer, a thank-you without JavaScript and with htmx, and the dashboard's table with the small-number rules."""
from datetime import datetime, timezone

import pytest

from helpers import MovableClock, make_config, page_token
from partners_helpers import sign_in
from screener.db import connect
from screener.reports.suppression import HIDDEN, recover
from screener.screening.queries import add_tap
from test_notnow import CRISIS, GREEN, HX, ORANGE, RED, TITLES, finish, main_text
from test_reports_figures import csv_rows, dashboard_tables, number

URL = "/screener/resultaat/nuttig"
QUESTION = "Had je iets aan dit resultaat?"


def tallies(db):
    return db.execute("SELECT day, band, answer, count FROM result_feedback_tallies ORDER BY 1, 2, 3").fetchall()


@pytest.fixture
def app_config(clocked_config):
    return clocked_config  # Monday 23 November 2026, 10:00 in Brussels


def test_a_tap_is_counted_once_per_result_and_nothing_links_it_to_the_screening(app, client, db):
    token = finish(client, ORANGE)
    assert QUESTION in main_text(client.get("/screener/resultaat"))

    # Without JavaScript: the whole result page comes back, with the thank-you.
    response = client.post(URL, data={"csrf_token": token, "answer": "yes"})
    assert response.status_code == 200
    text = main_text(response)
    assert TITLES["orange"] in text and "Dank je voor je antwoord" in text and "Fijn dat je er iets aan had." in text
    assert 'value="yes" class="button useful-answer useful-answer--chosen" aria-pressed="true"' in response.get_data(as_text=True)
    assert tallies(db) == [("2026-11-23", "orange", "yes", 1)]

    # With htmx: only the panel; a second tap changes the reply, not the count.
    response = client.post(URL, data={"answer": "no"}, headers={**HX, "X-CSRFToken": token})
    fragment = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in fragment
    assert fragment.lstrip().startswith('<form class="useful" id="nuttig"')
    assert "Met jouw antwoord maken we de screener beter" in fragment and "Fijn dat je" not in fragment
    assert tallies(db) == [("2026-11-23", "orange", "yes", 1)]

    # Another worker's result, the same day and answer: the same count goes up.
    other = app.test_client()
    other.post(URL, data={"csrf_token": finish(other, ORANGE), "answer": "yes"})
    assert tallies(db) == [("2026-11-23", "orange", "yes", 2)]
    columns = [c[1] for c in db.execute("PRAGMA table_info(result_feedback_tallies)").fetchall()]
    assert columns == ["day", "band", "answer", "count"]
    assert db.execute("SELECT COUNT(*) FROM pragma_index_list('result_feedback_tallies')").fetchone()[0] == 1
    assert "WITHOUT ROWID" in db.execute("SELECT sql FROM sqlite_master WHERE name = 'result_feedback_tallies'").fetchone()[0]


def test_a_new_run_may_answer_again(client, db):
    finish(client, RED)
    client.post(URL, data={"csrf_token": page_token(client, "/screener/resultaat"), "answer": "somewhat"})
    token = finish(client, RED)
    client.post(URL, data={"csrf_token": token, "answer": "somewhat"})
    assert tallies(db) == [("2026-11-23", "red", "somewhat", 2)]


def test_green_results_are_asked_too_and_a_crisis_counts_under_crisis(app, client, db):
    token = finish(client, GREEN)
    assert QUESTION in main_text(client.get("/screener/resultaat"))
    assert client.post(URL, data={"csrf_token": token, "answer": "somewhat"}).status_code == 200
    other = app.test_client()
    assert other.post(URL, data={"csrf_token": finish(other, CRISIS), "answer": "no"}).status_code == 200
    assert tallies(db) == [("2026-11-23", "crisis", "no", 1), ("2026-11-23", "green", "somewhat", 1)]


@pytest.mark.parametrize("answer, message", [
    ("misschien", "Dit antwoord kennen we niet. Kies Ja, Een beetje of Nee."), ("", "Kies Ja, Een beetje of Nee."),
    ("yes'; DROP TABLE result_feedback_tallies; --", "Dit antwoord kennen we niet")])
def test_an_unknown_or_missing_answer_gets_422_in_dutch_and_counts_nothing(client, db, answer, message):
    token = finish(client, RED)
    page = client.post(URL, data={"csrf_token": token, "answer": answer})
    assert page.status_code == 422 and message in main_text(page) and TITLES["red"] in main_text(page)
    fragment = client.post(URL, data={"answer": answer}, headers={**HX, "X-CSRFToken": token})
    assert fragment.status_code == 422 and message in fragment.get_data(as_text=True)
    assert 'id="nuttig-error" tabindex="-1" data-focus' in fragment.get_data(as_text=True)
    assert tallies(db) == []


def test_an_expired_page_gets_400_asks_again_and_counts_nothing(app, client, clock, db):
    token = finish(client, GREEN)
    clock.advance(seconds=app.config["WTF_CSRF_TIME_LIMIT"] + 60)
    page = client.post(URL, data={"csrf_token": token, "answer": "yes"})
    assert page.status_code == 400 and "Kies je antwoord nog eens" in main_text(page) and QUESTION in main_text(page)
    fragment = client.post(URL, data={"answer": "yes"}, headers={**HX, "X-CSRFToken": token})
    assert fragment.status_code == 400 and "Kies je antwoord nog eens" in fragment.get_data(as_text=True)
    assert tallies(db) == []
    # A fresh token works again.
    assert client.post(URL, data={"csrf_token": page_token(client, "/screener/resultaat"), "answer": "yes"}).status_code == 200
    assert tallies(db) == [("2026-11-23", "green", "yes", 1)]  # 14:01 the same Belgian day


def test_an_answer_needs_a_result_in_this_browser(client, db):
    assert client.post(URL, data={"answer": "yes"}).status_code == 400  # no token, no result
    response = client.post(URL, data={"answer": "yes", "csrf_token": page_token(client, "/screener")})
    assert response.status_code == 410 and "Doe de screener gerust opnieuw" in main_text(response)
    assert tallies(db) == []


# --- the dashboard --------------------------------------------------------------------------------

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)
MARCH, FEBRUARY = "?van=2026-03-01&tot=2026-03-20", "?van=2026-02-01&tot=2026-02-28"
BANDS = {"green": "Groen", "orange": "Oranje", "red": "Rood", "crisis": "Crisis (veiligheidsvraag)"}
ANSWERS = {"yes": "Ja", "somewhat": "Een beetje", "no": "Nee"}
FEEDBACK = [("2026-03-02", "green", "yes", 14), ("2026-03-02", "green", "somewhat", 6), ("2026-03-03", "green", "no", 5),
            ("2026-03-03", "orange", "yes", 9), ("2026-03-04", "orange", "somewhat", 8), ("2026-03-04", "orange", "no", 2),
            ("2026-03-05", "red", "somewhat", 3), ("2026-03-05", "crisis", "no", 1),
            ("2026-02-10", "orange", "yes", 7), ("2026-02-11", "orange", "no", 5)]


@pytest.fixture
def coordinator(tmp_path):
    from screener import create_app

    app = create_app(make_config(tmp_path, CLOCK=MovableClock(NOW)))
    client = app.test_client()
    sign_in(client, app)
    db = connect(app.config["DATABASE"])
    for day, band, answer, count in FEEDBACK:
        for _ in range(count):
            add_tap(db, "feedback", day, band, answer)
    db.close()
    return client


def test_the_dashboard_shows_the_answers_per_band_exact_or_hidden_beyond_recovery(coordinator):
    rows = dashboard_tables(coordinator, MARCH)["nut-resultaat"]
    assert [r[0] for r in rows] == [*BANDS.values(), "Totaal"]
    true = {}
    for day, band, answer, count in FEEDBACK:
        if day.startswith("2026-03"):
            true[(BANDS[band], ANSWERS[answer])] = true.get((BANDS[band], ANSWERS[answer]), 0) + count
    for b in BANDS.values():
        true[(b, "Totaal")] = sum(true.get((b, a), 0) for a in ANSWERS.values())
    for a in [*ANSWERS.values(), "Totaal"]:
        true[("Totaal", a)] = sum(true.get((b, a), 0) for b in BANDS.values())
    columns = [*ANSWERS.values(), "Totaal"]
    shown = {(row[0], column): row[1 + i] for row in rows for i, column in enumerate(columns)}
    for key, value in shown.items():
        if value in ("<5", "×"):
            assert value == "×" or 0 < true.get(key, 0) < 5, key
        else:
            assert int(value) == true.get(key, 0), key
        if 0 < true.get(key, 0) < 5:
            assert value == "<5", key
    by_band = {r[0]: [number(c) for c in r[1:]] for r in rows}
    assert by_band["Groen"] == [14, 6, 5, 25, 80]  # 20 of 25 had something of it
    assert by_band["Rood"][-1] == "" and by_band["Crisis (veiligheidsvraag)"][-1] == ""  # no share from hidden cells
    # No small count follows from the rows, the columns and the totals together.
    cells = {key: (HIDDEN if value in ("<5", "×") else int(value)) for key, value in shown.items()}
    lines = [((b, "Totaal"), [(b, a) for a in ANSWERS.values()]) for b in BANDS.values()]
    lines += [(("Totaal", a), [(b, a) for b in BANDS.values()]) for a in ANSWERS.values()]
    lines += [(("Totaal", "Totaal"), [("Totaal", a) for a in ANSWERS.values()]),
              (("Totaal", "Totaal"), [(b, "Totaal") for b in BANDS.values()])]
    assert not [value for value in recover(cells, lines).values() if 0 < value < 5]
    assert csv_rows(coordinator, "nut-resultaat", MARCH)[:len(BANDS)] == [[c.replace("–", "") for c in r] for r in rows[:-1]]


def test_the_dashboard_shows_every_share_without_small_counts(coordinator):
    rows = {r[0]: [number(c) for c in r[1:]] for r in dashboard_tables(coordinator, FEBRUARY)["nut-resultaat"]}
    assert rows["Oranje"] == [7, 0, 5, 12, 58]
    assert rows["Groen"] == [0, 0, 0, 0, ""]
    assert rows["Totaal"] == [7, 0, 5, 12, 58]


def test_the_demo_year_has_result_feedback_on_the_dashboard(tmp_path):
    from screener import create_app
    from screener.db import get_db
    from screener.demo import seed_all

    app = create_app(make_config(tmp_path, CLOCK=MovableClock(NOW)))
    client = app.test_client()
    sign_in(client, app)
    with app.app_context():
        seed_all(app, get_db())
    rows = {r[0]: [number(c) for c in r[1:]] for r in dashboard_tables(client, "?periode=jaar")["nut-resultaat"]}
    assert rows["Totaal"][3] > 500
    for band in BANDS.values():
        assert isinstance(rows[band][3], int) and rows[band][3] > 0, band
    assert 50 < rows["Groen"][4] <= 100 and rows["Groen"][0] > rows["Groen"][2]  # most found something in it
