"""After retention erased details, the steering group's report shows exactly the same figures."""
import json
import re
from datetime import datetime, timedelta, timezone

from screener import clock
from partners_helpers import sign_in
from screener.screening.queries import add_to_tally

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def at(days_ago, hour=9):
    return clock.iso((NOW - timedelta(days=days_ago)).replace(hour=hour))


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
        db["cases"].insert({"reference": f"ZS-OLD00{n}", "link_token": f"t{n}", "status": "closed",
                            "outcome": "supported", "created_at": at(120), "due_at": at(119),
                            "claimed_at": at(120, 11), "first_contact_at": at(119), "closed_at": at(100),
                            "step": 2, "provider_id": "elp_limburg", "province": "limburg", "choice": "region", "contact_encrypted": "token"})


def report_page(client):
    html = client.get("/rapporten/verslag?periode=jaar").get_data(as_text=True)
    assert "Verslag" in html or "verslag" in html
    return re.sub(r'name="csrf_token" value="[^"]+"|"X-CSRFToken": "[^"]+"', "", html)


def test_report_figures_stay_the_same_after_retention(app, client, runner, db):
    app.config["CLOCK"] = lambda: NOW
    seed(app, db)
    sign_in(client, app, role="coordinator")
    before = report_page(client)
    result = runner.invoke(args=["retention", "run"])
    assert "screenings_reduced 3" in result.output and "contacts_erased 2" in result.output
    assert report_page(client) == before
