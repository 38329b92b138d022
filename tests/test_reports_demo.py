"""The demo history: a realistic year, made in seconds, that the dashboard shows as a living site."""
import statistics
import time
from datetime import date, datetime

from screener.db import get_db
from screener.demo import CAMPAIGNS, seed_all as seed_history
from partners_helpers import sign_in


def test_a_year_of_history_in_seconds_with_campaign_peaks(app, db):
    started = time.monotonic()
    with app.app_context():
        seed_history(app, get_db())
        items = {i["id"] for i in app.extensions["content"]["screener"]["items"]} | {"profile"}
    assert time.monotonic() - started < 20
    assert 90_000 <= db["page_views"].count <= 120_000
    assert 9_000 <= db["screenings"].count <= 11_000
    assert 450 <= db["cases"].count <= 650
    stops = dict(db.execute("SELECT current_item, COUNT(*) FROM screenings WHERE status = 'abandoned' GROUP BY 1").fetchall())
    assert set(stops) <= items and len(stops) >= 10
    # Referrals go up the steps, each one a new case linked to the one before.
    pairs = db.execute("SELECT p.step, c.step FROM cases c JOIN cases p ON p.id = c.parent_case_id").fetchall()
    assert pairs and all(child == parent + 1 for parent, child in pairs)
    waits = [(datetime.fromisoformat(f) - datetime.fromisoformat(c)).total_seconds() / 3600 for c, f in
             db.execute("SELECT created_at, first_contact_at FROM cases WHERE first_contact_at IS NOT NULL")]
    assert 12 <= statistics.median(waits) <= 48
    assert db.execute("SELECT COUNT(*) FROM cases WHERE status <> 'closed'").fetchone()[0] > 0
    # Each annotated campaign day has clearly more visits than a usual day.
    per_day = dict(db.execute("SELECT day, COUNT(*) FROM visits GROUP BY day").fetchall())
    usual = statistics.median(per_day.values())
    campaigns = db.execute("SELECT day FROM annotations").fetchall()
    assert len(campaigns) == len(CAMPAIGNS)
    for (day,) in campaigns:
        assert date.fromisoformat(day).weekday() < 5 and per_day[day] > 1.8 * usual, day
    # A second run adds nothing.
    with app.app_context():
        seed_history(app, get_db())
    assert 90_000 <= db["page_views"].count <= 120_000 and db["annotations"].count == len(CAMPAIGNS)


def test_the_dashboard_shows_the_demo_year(app, client):
    with app.app_context():
        seed_history(app, get_db())
    sign_in(client, app)
    text = client.get("/rapporten/?periode=jaar").get_data(as_text=True)
    assert "Lancering van de site" in text and "<5" in text and "Netwerk Eerstelijnspsychologen Antwerpen" in text
