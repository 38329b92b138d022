"""After retention erased details, the steering group's report shows exactly the same figures."""
import json
import re
from datetime import datetime, timedelta, timezone

from helpers import close_case, insert_case
from partners_helpers import sign_in
from screener.screening.queries import add_to_tally
from screener import clock

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def moment(days_ago, hour=9):
    return (NOW - timedelta(days=days_ago)).replace(hour=hour)


def at(days_ago, hour=9):
    return clock.iso(moment(days_ago, hour))


def seed(app, db):
    with app.app_context():
        from screener.screening import content

        items = [item["id"] for item in content.get()["items"]]
    for n in range(3):
        db["screenings"].insert({"id": f"abandoned-{n}", "day": at(40 + n)[:10], "status": "abandoned",
                                 "current_item": items[n + 1], "answers": json.dumps({items[0]: 1})})
    for n in range(2):
        db["screenings"].insert({"id": f"done-{n}", "day": at(45)[:10], "status": "completed",
                                 "answers": json.dumps({i: 0 for i in items}), "band": "green"})
    add_to_tally(db, at(45)[:10], {"gender": "vrouw", "sector": "ziekenhuis", "province": "limburg"}, 2)
    for n in range(2):
        case = insert_case(app, "elp_limburg", now=moment(120), province="limburg")
        close_case(app, case["id"], moment(100), contacted_at=moment(119))


def report_page(client):
    response = client.get("/rapporten/verslag?periode=jaar")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and re.search(r"<h1[^>]*>Verslag ZorgSamen</h1>", html)
    return re.sub(r'name="csrf_token" value="[^"]+"|"X-CSRFToken": "[^"]+"', "", html)


def test_report_figures_stay_the_same_after_retention(app, client, runner, db):
    app.config["CLOCK"] = lambda: NOW
    seed(app, db)
    sign_in(client, app, role="coordinator")
    before = report_page(client)
    result = runner.invoke(args=["retention", "run"])
    assert "screenings_reduced 3" in result.output and "contacts_erased 2" in result.output
    assert report_page(client) == before
