"""The dashboard's "from result to request" and "Wat houdt je tegen?" per band, with the small-number rules."""
from datetime import datetime, timezone

import pytest

from helpers import MovableClock, make_config
from partners_helpers import sign_in
from screening_helpers import add_screening
from screener.cases.queries import add_to_tally as add_request_tally
from screener.db import connect, immediate
from screener.reports.suppression import HIDDEN, recover
from screener.screening.queries import add_tap
from test_reports_figures import csv_rows, dashboard_tables, number

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)
MARCH, FEBRUARY = "?van=2026-03-01&tot=2026-03-20", "?van=2026-02-01&tot=2026-02-28"
BANDS = ["Groen", "Oranje", "Rood", "Crisis (veiligheidsvraag)"]
ANSWERS = ["Mijn werkgever zou het te weten kunnen komen", "Het kan slecht zijn voor mijn loopbaan",
           "Ik heb er geen tijd voor", "Het kost te veel", "Ik wil het zelf oplossen",
           "Ik weet niet bij wie ik terecht kan", "De wachtlijsten zijn te lang", "Iets anders"]

# Completed screenings: (day, band, crisis, how many); a crisis counts as "crisis" whatever its colour.
SCREENINGS = [("2026-03-02", "green", 0, 20), ("2026-03-03", "orange", 0, 12), ("2026-03-04", "red", 0, 6),
              ("2026-03-05", "red", 1, 3), ("2026-03-06", "orange", 1, 1), ("2026-02-10", "orange", 0, 10)]
# Requests as the request form counts them: per day and band ('' without a screening).
REQUESTS = [("2026-03-03", "orange", 6), ("2026-03-04", "red", 5), ("2026-03-05", "crisis", 2),
            ("2026-03-09", None, 7), ("2026-02-11", "orange", 5)]
# Barrier answers: (day, band, answer, count).
BARRIERS = [("2026-03-03", "orange", "employer", 7), ("2026-03-03", "orange", "time", 5),
            ("2026-03-04", "red", "employer", 2), ("2026-03-04", "red", "time", 6),
            ("2026-03-05", "crisis", "other", 1), ("2026-02-10", "orange", "cost", 9)]


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, CLOCK=MovableClock(NOW))


@pytest.fixture
def coordinator(app, client):
    sign_in(client, app)
    db = connect(app.config["DATABASE"])
    for day, band, crisis, count in SCREENINGS:
        for i in range(count):
            add_screening(db, f"{day}-{band}-{crisis}-{i}", day, band=band, crisis=crisis)
    db.conn.commit()
    with immediate(db):
        for day, band, count in REQUESTS:
            for _ in range(count):
                add_request_tally(db, day, {"band": band})
    for day, band, answer, count in BARRIERS:
        for _ in range(count):
            add_tap(db, "barrier", day, band, answer)
    db.close()
    return client


def test_requests_per_100_screenings_per_band_hide_small_counts(coordinator):
    rows = dashboard_tables(coordinator, MARCH)["aanvragen-per-kleur"]
    assert [r[0] for r in rows] == [*BANDS, "Zonder screening", "Totaal"]
    by_band = {r[0]: [number(c) for c in r[1:]] for r in rows}
    assert by_band["Groen"] == [20, 0, 0]
    assert by_band["Oranje"] == [12, 6, 50]  # the orange crisis result counts under crisis
    # 2 crisis requests are small; one more cell of the line hides with them, so 2 cannot be subtracted.
    assert by_band["Crisis (veiligheidsvraag)"] == [4, "<5", ""]
    assert by_band["Rood"] == [6, "×", ""]
    assert by_band["Zonder screening"] == ["", 7, ""]
    assert by_band["Totaal"] == [42, 20, ""]  # no overall share while a band is hidden
    assert csv_rows(coordinator, "aanvragen-per-kleur", MARCH) == [[c.replace("–", "") for c in r] for r in rows]


def test_requests_per_band_without_small_counts_show_every_share(coordinator):
    by_band = {r[0]: [number(c) for c in r[1:]] for r in dashboard_tables(coordinator, FEBRUARY)["aanvragen-per-kleur"]}
    assert by_band["Oranje"] == [10, 5, 50]
    assert by_band["Rood"] == [0, 0, ""] and by_band["Zonder screening"] == ["", 0, ""]
    assert by_band["Totaal"] == [10, 5, 50]


def test_barrier_answers_per_band_are_exact_or_hidden_beyond_recovery(coordinator):
    rows = dashboard_tables(coordinator, MARCH)["drempels"]
    assert [r[0] for r in rows] == [*ANSWERS, "Totaal"]
    true = {(a, b): 0 for a in ANSWERS for b in BANDS[1:]}
    keys = {"employer": ANSWERS[0], "time": ANSWERS[2], "other": ANSWERS[7]}
    band_names = dict(zip(["orange", "red", "crisis"], BANDS[1:]))
    for day, band, answer, count in BARRIERS:
        if day.startswith("2026-03"):
            true[(keys[answer], band_names[band])] += count
    for a in ANSWERS:
        true[(a, "Totaal")] = sum(true[(a, b)] for b in BANDS[1:])
    for b in [*BANDS[1:], "Totaal"]:
        true[("Totaal", b)] = sum(true[(a, b)] for a in ANSWERS)
    columns = [*BANDS[1:], "Totaal"]
    shown = {(row[0], column): row[1 + i] for row in rows for i, column in enumerate(columns)}
    for key, value in shown.items():
        if value in ("<5", "×"):
            assert value == "×" or 0 < true[key] < 5, key
        else:
            assert int(value) == true[key], key  # what is shown is the true count
        if 0 < true[key] < 5:
            assert value == "<5", key
    assert shown[("Totaal", "Totaal")] in ("21", "×")
    assert all(shown[(a, "Totaal")] == "0" for a in ANSWERS[3:7] + ANSWERS[1:2])  # zeros stay visible
    # No small count follows from the rows, the columns and the totals together.
    cells = {key: (HIDDEN if value in ("<5", "×") else int(value)) for key, value in shown.items()}
    lines = [((a, "Totaal"), [(a, b) for b in BANDS[1:]]) for a in ANSWERS]
    lines += [(("Totaal", b), [(a, b) for a in ANSWERS]) for b in BANDS[1:]]
    lines += [(("Totaal", "Totaal"), [("Totaal", b) for b in BANDS[1:]]),
              (("Totaal", "Totaal"), [(a, "Totaal") for a in ANSWERS])]
    assert not [value for value in recover(cells, lines).values() if 0 < value < 5]
    assert csv_rows(coordinator, "drempels", MARCH)[:len(ANSWERS)] == [[c.replace("–", "") for c in r] for r in rows[:-1]]


def test_barrier_answers_without_small_counts_are_shown_with_their_share(coordinator):
    rows = {r[0]: [number(c) for c in r[1:]] for r in dashboard_tables(coordinator, FEBRUARY)["drempels"]}
    assert rows["Het kost te veel"] == [9, 0, 0, 9, 100]
    assert rows["Totaal"] == [9, 0, 0, 9, 100]
    assert rows["Iets anders"] == [0, 0, 0, 0, 0]


def test_the_demo_year_has_barrier_answers_on_the_dashboard(app, client):
    from screener.db import get_db
    from screener.demo import seed_all

    sign_in(client, app)
    with app.app_context():
        seed_all(app, get_db())
    rows = {r[0]: r[1:] for r in dashboard_tables(client, "?periode=jaar")["drempels"]}
    assert number(rows["Totaal"][3]) > 500
    assert number(rows[ANSWERS[0]][3]) > number(rows[ANSWERS[7]][3])  # fear of the employer comes first
    uptake = {r[0]: r[1:] for r in dashboard_tables(client, "?periode=jaar")["aanvragen-per-kleur"]}
    assert number(uptake["Rood"][1]) > 0 and number(uptake["Oranje"][2]) > 0
