"""One withdrawal, whoever asks: the team's "close as withdrawn" and erasure on request act like the worker's link."""
import pytest

from helpers import insert_case, post_form
from partners_helpers import refer, sign_in
from screener.db import get_db, immediate
from screener.mail.alerts import alert_stuck
from screener.mail.outbox import enqueue


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def act(client, case, action, **data):
    url = f"/partners/dossier/{case['reference']}"
    return post_form(client, f"{url}/{action}", data, page=url)


def contacts(db):
    return {r["reference"]: r["contact_encrypted"] for r in db["cases"].rows}


def test_closing_a_referred_case_as_withdrawn_erases_the_whole_request(app, client, db):
    first = insert_case(app, "edpb_preventa", province="antwerpen")
    sign_in(client, app, role="member", org_id="edpb_preventa")
    act(client, first, "opnemen")
    assert refer(client, first["reference"], "elp_antwerpen").status_code == 303
    second = next(db["cases"].rows_where("parent_case_id = ?", [first["id"]]))
    psy = app.test_client()
    sign_in(psy, app, role="member", org_id="elp_antwerpen")
    assert act(psy, second, "afsluiten", outcome="withdrawn").status_code == 303
    # As with the worker's own link: nobody keeps the contact details, not the first team either.
    assert contacts(db) == {first["reference"]: None, second["reference"]: None}
    page = client.get(f"/partners/dossier/{first['reference']}").get_data(as_text=True)
    assert "De contactgegevens zijn gewist." in page and "Sam Peeters" not in page
    history = psy.get(f"/partners/dossier/{second['reference']}").get_data(as_text=True)
    assert "Ingetrokken door de persoon" in history


def test_erasure_cancels_the_workers_mail_without_alarming_anyone(app, runner, db, clock):
    case = insert_case(app, "edpb_preventa")
    with app.app_context():
        database = get_db()
        with immediate(database):
            enqueue(database, kind="confirmation", to="sam@example.be", subject="Bevestiging", text="x",
                    case_id=case["id"], personal=True)
    result = runner.invoke(args=["erase", case["reference"]])
    assert result.exit_code == 0, result.output
    [message] = db["outbox"].rows_where("kind = 'confirmation'")
    assert message["status"] == "cancelled" and message["to_addr"] == ""
    # A cancelled e-mail is neither waiting nor given up on: the health check stays green ...
    health = app.test_client().get("/gezondheid")
    assert health.status_code == 200 and health.json["outbox"]["dead"] == 0
    # ... and a day later the coordinators get no "e-mail stuck" alert about it.
    clock.advance(hours=25)
    with app.app_context():
        assert alert_stuck(get_db()) == 0
    assert db["outbox"].count == 1
