"""After retention erased details, the steering group's report shows exactly the same figures."""
import json
import re
from datetime import datetime, timedelta, timezone

from helpers import close_case, insert_case
from partners_helpers import sign_in
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
    for n, (gender, sector) in enumerate([("vrouw", "hospital"), ("man", "elderly_care"), ("vrouw", "elderly_care")]):
        db["screenings"].insert({"id": f"abandoned-{n}", "started_at": at(40 + n), "updated_at": at(40 + n),
                                 "status": "abandoned", "language": "nl", "current_item": items[n + 1],
                                 "answers": json.dumps({items[0]: 1}), "gender": gender, "sector": sector})
    for n in range(2):
        db["screenings"].insert({"id": f"done-{n}", "started_at": at(45), "updated_at": at(45),
                                 "completed_at": at(45), "status": "completed", "language": "nl",
                                 "answers": json.dumps({i: 0 for i in items}), "band": "green", "gender": "vrouw",
                                 "sector": "hospital", "province": "limburg"})
    for n in range(2):
        case = insert_case(app, "elp_limburg", now=moment(120), sector="hospital", gender="vrouw", province="limburg")
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
