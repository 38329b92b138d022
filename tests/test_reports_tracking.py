"""Page views are counted as they are served: whole pages by people only, no address or agent stored."""
from datetime import datetime, timezone

import pytest

from helpers import MovableClock, make_config
from partners_helpers import sign_in

FIREFOX = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}
START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, CLOCK=MovableClock(START))


def stored_text(db):
    """Every value in the visit tables, as one text, to look for what must not be there."""
    rows = []
    for table in ("page_views", "visits", "visit_secrets"):
        rows += [" ".join(map(str, r)) for r in db.execute(f"SELECT * FROM {table}").fetchall()]
    return "\n".join(rows)


def test_a_visit_of_two_pages_is_counted_without_address_or_agent(client, db):
    first = client.get("/", headers=FIREFOX)
    assert first.status_code == 200
    cookie = first.headers["Set-Cookie"]
    assert cookie.startswith("zs_eerste=2026-03-02;") and "HttpOnly" in cookie and "Max-Age=31536000" in cookie
    client.get("/privacy", headers=FIREFOX)
    views = db.execute("SELECT day, page, visit_id FROM page_views ORDER BY id").fetchall()
    assert [(d, p) for d, p, _ in views] == [("2026-03-02", "/"), ("2026-03-02", "/privacy")]
    assert views[0][2] == views[1][2]
    assert db.execute("SELECT views, returning_visitor FROM visits").fetchall() == [(2, 0)]
    text = stored_text(db)
    assert "127.0.0.1" not in text and "Firefox" not in text and "Mozilla" not in text


def test_only_whole_pages_for_people_are_counted(app, client, db):
    client.get("/static/css/site.css", headers=FIREFOX)
    client.get("/", headers={**FIREFOX, "HX-Request": "true"})  # a fragment swap
    client.get("/", headers={"User-Agent": "Googlebot/2.1 (+http://www.google.com/bot.html)"})
    client.get("/bestaat-niet", headers=FIREFOX)
    client.post("/taal/en", headers=FIREFOX)
    assert db["page_views"].count == 0
    client.get("/", headers={**FIREFOX, "HX-Request": "true", "HX-Boosted": "true"})  # a boosted navigation
    assert db["page_views"].count == 1


def test_coordinators_reading_reports_is_not_a_visit(app, client, db):
    sign_in(client, app)
    before = db["page_views"].count
    assert client.get("/rapporten/", headers=FIREFOX).status_code == 200
    assert db["page_views"].count == before


def test_the_route_pattern_is_stored_never_the_path(client, db):
    assert client.get("/eerste-helper/start", headers=FIREFOX).status_code == 200
    assert db.execute("SELECT page FROM page_views").fetchall() == [("/eerste-helper/<node_id>",)]


def test_a_new_day_brings_a_new_secret_and_a_returning_visitor(app, client, db):
    client.get("/", headers=FIREFOX)
    monday_secret = db.execute("SELECT secret FROM visit_secrets").fetchall()
    app.config["CLOCK"].advance(days=1)
    response = client.get("/", headers=FIREFOX)  # the client sends back the first-visit cookie
    assert "zs_eerste" not in response.headers.get("Set-Cookie", "")  # kept as it was
    secrets = db.execute("SELECT day, secret FROM visit_secrets").fetchall()
    assert len(secrets) == 1 and secrets[0][0] == "2026-03-03" and [(secrets[0][1],)] != monday_secret
    visitors = db.execute("SELECT day, visitor, returning_visitor FROM visits ORDER BY id").fetchall()
    assert visitors[0][1] != visitors[1][1]  # the same person cannot be followed from day to day
    assert [(v[0], v[2]) for v in visitors] == [("2026-03-02", 0), ("2026-03-03", 1)]


def test_a_pause_of_half_an_hour_starts_a_new_visit(app, client, db):
    client.get("/", headers=FIREFOX)
    app.config["CLOCK"].advance(minutes=10)
    client.get("/privacy", headers=FIREFOX)
    app.config["CLOCK"].advance(minutes=31)
    client.get("/", headers=FIREFOX)
    assert db.execute("SELECT views, first_at, last_at FROM visits ORDER BY id").fetchall() == [
        (2, "2026-03-02T09:00:00+00:00", "2026-03-02T09:10:00+00:00"),
        (1, "2026-03-02T09:41:00+00:00", "2026-03-02T09:41:00+00:00")]


def test_counting_that_fails_never_costs_the_visitor_the_page(client, db):
    db.execute("DROP TABLE page_views")
    response = client.get("/", headers=FIREFOX)
    assert response.status_code == 200 and "Hoe gaat het echt met je?" in response.get_data(as_text=True)


def test_the_worker_deletes_a_past_days_secret_even_without_visitors(app, client, db):
    from screener.worker import run_due_jobs

    client.get("/", headers=FIREFOX)
    assert db["visit_secrets"].count == 1
    run_due_jobs(app, {})
    assert db["visit_secrets"].count == 1  # still today
    app.config["CLOCK"].advance(days=1)
    run_due_jobs(app, {})
    assert db["visit_secrets"].count == 0
