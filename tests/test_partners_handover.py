"""Handover to another organisation: the worker's agreement, a confirmation, the story that travels
(the team's note, encrypted, and the attempts), targets by province, and the worker told who calls now."""
import email
import email.policy
import json
from pathlib import Path

import pytest

from helpers import act_on_case, insert_case, post_form, smtp_config
from partners_helpers import refer, sign_in
from screener import crypto

NOTE = "Sam werkt nachten op spoed; liefst na 14 uur bellen. Vroeg naar een CGG."


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


@pytest.fixture
def preventa(app, client):
    """The client signed in as a member of the step-1 service that refers."""
    sign_in(client, app, role="member", org_id="edpb_preventa")
    return client


def children(db, case):
    return list(db["cases"].rows_where("parent_case_id = ?", [case["id"]]))


def event_detail(db, case_id, kind):
    row = db.execute("SELECT detail FROM case_events WHERE case_id = ? AND kind = ?", [case_id, kind]).fetchone()
    return json.loads(row[0])


def page(client, reference):
    return client.get(f"/partners/dossier/{reference}").get_data(as_text=True)


def team_client(app, org_id):
    team = app.test_client()
    sign_in(team, app, role="member", org_id=org_id)
    return team


def handover_mail(db):
    return list(db["outbox"].rows_where("kind = 'handover'"))


def referred_case(app, preventa, db, **fields):
    """A case of Preventa with two unanswered attempts and a first contact, referred to the Antwerp psychologists."""
    case = insert_case(app, "edpb_preventa", province="antwerpen", **fields)
    url = f"/partners/dossier/{case['reference']}"
    post_form(preventa, f"{url}/opnemen", {}, page=url)
    for channel in ("phone", "sms"):
        post_form(preventa, f"{url}/poging", {"channel": channel, "reached": "no"}, page=url)
    post_form(preventa, f"{url}/eerste-contact", {"moment": "2026-11-23T10:00"}, page=url)
    assert refer(preventa, case["reference"], "elp_antwerpen", note=NOTE).status_code == 303
    [child] = children(db, case)
    return case, child


# --- a. the worker's agreement -------------------------------------------------------------------

@pytest.mark.parametrize("missing, message", [
    ({"agreed": ""}, "Vraag eerst of de persoon akkoord gaat met de nieuwe organisatie."),
    ({"agreed": "0"}, "Vraag eerst of de persoon akkoord gaat met de nieuwe organisatie."),
    ({"agreed_via": ""}, "Zeg hoe je het akkoord kreeg."),
    ({"agreed_via": "telepathie"}, "Zeg hoe je het akkoord kreeg."),  # an unknown way is no answer either
    ({"note": "x" * 501}, "Hou de notitie kort: maximaal 500 tekens."),
])
def test_a_referral_without_the_workers_agreement_changes_nothing(app, preventa, db, missing, message):
    case = insert_case(app, "edpb_preventa", province="antwerpen")
    response = refer(preventa, case["reference"], "elp_antwerpen", **missing)
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "Kijk het formulier na." in text and message in text
    stored = db["cases"].get(case["id"])
    assert stored["status"] == "new" and children(db, case) == []
    assert db.execute("SELECT count(*) FROM outbox WHERE case_id != ?", [case["id"]]).fetchone()[0] == 0


def test_the_agreement_and_how_it_was_obtained_are_recorded(app, preventa, db):
    case = insert_case(app, "edpb_preventa", province="antwerpen")
    assert refer(preventa, case["reference"], "elp_antwerpen", agreed_via="email").status_code == 303
    [child] = children(db, case)
    assert event_detail(db, case["id"], "referred")["agreed_via"] == "email"
    assert event_detail(db, child["id"], "created")["agreed_via"] == "email"
    psy = team_client(app, "elp_antwerpen")
    assert "Akkoord van de persoon</dt><dd>per e-mail" in page(psy, child["reference"])


# --- d. the confirmation step ---------------------------------------------------------------------

def test_choosing_an_organisation_asks_for_confirmation_with_its_deadline(app, preventa, db):
    case = insert_case(app, "edpb_preventa", province="antwerpen")
    response = refer(preventa, case["reference"], "elp_antwerpen", confirm=False, note=NOTE)
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    # Monday 10:00 plus the step-2 deadline in the network's working hours (9 to 18).
    assert "Doorverwijzen naar Netwerk Eerstelijnspsychologen Antwerpen?" in text
    assert "Zij nemen contact op uiterlijk do 26 nov 10:00." in text and "Akkoord van de persoon: telefonisch." in text
    assert "Bevestig doorverwijzing" in text and "Terug" in text
    # Nothing happened yet: no new case, no e-mail.
    assert db["cases"].get(case["id"])["status"] == "new" and children(db, case) == []
    assert db["outbox"].count == 0
    # "Terug" shows the form again with what was filled in, still nothing referred.
    back = refer(preventa, case["reference"], "elp_antwerpen", back="1", note=NOTE).get_data(as_text=True)
    assert "Bevestig doorverwijzing" not in back and NOTE in back and 'value="elp_antwerpen" selected' in back
    assert children(db, case) == []
    assert refer(preventa, case["reference"], "elp_antwerpen", note=NOTE).status_code == 303
    assert len(children(db, case)) == 1


def test_the_confirmation_works_with_htmx(app, preventa, db):
    case = insert_case(app, "edpb_preventa", province="antwerpen")
    url = f"/partners/dossier/{case['reference']}"
    data = {"provider_id": "cgg_noord", "agreed": "1", "agreed_via": "conversation"}
    asked = post_form(preventa, f"{url}/doorverwijzen", data, page=url, headers={"HX-Request": "true"})
    text = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "<html" not in text and "Doorverwijzen naar CGG Noord" in text
    assert children(db, case) == []
    done = post_form(preventa, f"{url}/doorverwijzen", {**data, "confirm": "1"}, page=url,
                     headers={"HX-Request": "true"})
    assert done.status_code == 200 and "Doorverwezen. De nieuwe organisatie kreeg een e-mail." in done.get_data(as_text=True)
    assert [c["provider_id"] for c in children(db, case)] == ["cgg_noord"]


def test_referring_to_the_own_organisation_is_refused_before_the_confirmation(app, preventa, db):
    case = insert_case(app, "edpb_preventa")
    response = refer(preventa, case["reference"], "edpb_preventa", confirm=False)
    assert response.status_code == 409 and "Bevestig doorverwijzing" not in response.get_data(as_text=True)


# --- c. targets by the worker's province ----------------------------------------------------------

def test_organisations_in_the_workers_province_come_first(app, preventa):
    case = insert_case(app, "edpb_preventa", province="limburg")
    text = page(preventa, case["reference"])
    assert "Provincie van de persoon: Limburg." in text
    here, elsewhere = text.split('data-testid="refer-here"')[1].split('data-testid="refer-elsewhere"')
    assert "Netwerk Eerstelijnspsychologen Limburg · Eerstelijnspsycholoog (trap 2)" in here
    assert "CGG Noord (Antwerpen en Limburg) · CGG (trap 3)" in here
    assert "Antwerpen</option>" not in here and "CGG West" not in here
    assert "Netwerk Eerstelijnspsychologen Antwerpen" in elsewhere and "CGG West" in elsewhere
    # A service for every province counts as one in Limburg; by step: 1, 2, then 3.
    assert here.index("WerkWel Preventiedienst · Preventiedienst (trap 1)") < here.index("Limburg · ") < here.index("CGG Noord")
    assert "Preventa Externe Dienst ·" not in text  # not the own organisation


def test_without_a_province_every_organisation_is_offered_in_one_list(app, preventa):
    text = page(preventa, insert_case(app, "edpb_preventa")["reference"])
    assert "refer-here" not in text and "Netwerk Eerstelijnspsychologen Brussel" in text


# --- b. the story travels: note and attempts ------------------------------------------------------

def test_the_receiving_team_sees_the_note_and_the_attempts(app, preventa, db):
    case, child = referred_case(app, preventa, db)
    psy = team_client(app, "elp_antwerpen")
    text = page(psy, child["reference"])
    assert "Overgedragen door Preventa Externe Dienst" in text and NOTE in text
    assert "2, waarvan 2 niet bereikt · Telefoon, Sms" in text
    assert 'data-testid="handed-over-contact">ma 23 nov 10:00' in text
    assert f"Vanuit dossier</dt><dd>{case['reference']}" in text
    # The referring team's own page and the coordinators' audit log do not show the note.
    assert NOTE not in page(preventa, case["reference"])
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    for reference in (case["reference"], child["reference"]):
        assert NOTE not in coordinator.get(f"/partners/dossier/{reference}/audit").get_data(as_text=True)


def test_a_referral_without_attempts_says_so(app, preventa, db):
    case = insert_case(app, "edpb_preventa", province="antwerpen")
    refer(preventa, case["reference"], "elp_antwerpen")
    [child] = children(db, case)
    text = page(team_client(app, "elp_antwerpen"), child["reference"])
    assert 'data-testid="handed-over-attempts">geen' in text and 'data-testid="handed-over-contact">nog niet' in text
    assert "handed-over-note" not in text


def test_the_note_is_encrypted_at_rest_and_never_in_an_e_mail(app, preventa, db):
    case, child = referred_case(app, preventa, db)
    with app.app_context():
        assert crypto.decrypt(db["cases"].get(child["id"])["handover_encrypted"]) == {"note": NOTE}
    db.conn.commit()
    database = Path(app.config["DATABASE"])
    stored = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*") if p.is_file())
    assert NOTE.encode() not in stored and b"nachten op spoed" not in stored
    assert "nachten" not in json.dumps([dict(r) for r in db["outbox"].rows])


def test_withdrawal_erases_the_note(app, preventa, db):
    case, child = referred_case(app, preventa, db)
    psy = team_client(app, "elp_antwerpen")
    assert post_form(psy, f"/partners/dossier/{child['reference']}/afsluiten", {"outcome": "withdrawn"},
                     page=f"/partners/dossier/{child['reference']}").status_code == 303
    assert db["cases"].get(child["id"])["handover_encrypted"] is None
    assert NOTE not in page(psy, child["reference"])


def test_retention_erases_the_note_with_the_contact_details(app, preventa, db, runner, clock):
    case, child = referred_case(app, preventa, db)
    act_on_case(app, child["id"], "claim", clock.now)
    act_on_case(app, child["id"], "close", clock.now, outcome="declined")
    clock.advance(days=app.config["RETENTION_CONTACT_DAYS"] + 1)
    result = runner.invoke(args=["retention", "run"])
    assert result.exit_code == 0, result.output
    assert db["cases"].get(child["id"])["handover_encrypted"] is None
    assert db["cases"].get(child["id"])["contact_encrypted"] is None


# --- e. the worker is told who calls now ------------------------------------------------------------

def test_the_worker_is_told_who_will_contact_them_now(app, preventa, db):
    case, child = referred_case(app, preventa, db)
    [mail] = handover_mail(db)
    assert mail["case_id"] == child["id"] and mail["to_encrypted"] == 1 and "sam@" not in mail["to_addr"]
    with app.app_context():
        assert crypto.decrypt(mail["to_addr"]) == "sam@example.be"
    body = mail["subject"] + mail["body_text"] + mail["body_html"]
    assert child["reference"] in mail["subject"] and "Netwerk" not in mail["subject"]
    for text in ("Netwerk Eerstelijnspsychologen Antwerpen", "een eerstelijnspsycholoog in je regio",
                 "donderdag 26 november 2026 10:00", child["reference"]):
        assert text in mail["body_text"] and text in mail["body_html"], text
    for secret in ("nachten", "Sam Peeters", "470", "PHQ", "zelfmoordgedachten", "poging"):
        assert secret not in body, secret
    assert event_detail(db, case["id"], "referred")["worker_emailed"] is True


def test_the_worker_is_told_in_their_language(app, preventa, db):
    case = insert_case(app, "edpb_preventa", province="antwerpen", language="en")
    refer(preventa, case["reference"], "elp_antwerpen")
    [mail] = handover_mail(db)
    assert "Thursday, 26 November 2026" in mail["body_text"] and '<html lang="en">' in mail["body_html"]


def test_no_e_mail_without_an_address(app, preventa, db):
    case = insert_case(app, "edpb_preventa", province="antwerpen",
                       contact={"name": "Sam", "phone": "+32470123456"})
    assert refer(preventa, case["reference"], "elp_antwerpen").status_code == 303
    assert handover_mail(db) == [] and event_detail(db, case["id"], "referred")["worker_emailed"] is False


def test_the_workers_e_mail_is_delivered_over_smtp(app, preventa, db, runner, smtp_server):
    app.config.update(smtp_config(smtp_server))
    case, child = referred_case(app, preventa, db)
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    received = {}
    for envelope in smtp_server.wait_for(2):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        received[tuple(envelope.rcpt_tos)] = message
    mine = received[("sam@example.be",)]
    text = mine.get_body(("plain",)).get_content()
    assert child["reference"] in str(mine["Subject"]) and "Netwerk Eerstelijnspsychologen Antwerpen" in text
    assert "nachten" not in mine.as_string()
