"""One bad address never jams the outbox: the sender fails a bad message alone, and addresses are
checked wherever they are entered or loaded, and before they become a link."""
import logging
import re

import pytest

from screener import content, create_app
from screener.db import get_db, immediate
from screener.mail.alerts import alert_stuck
from screener.mail.outbox import enqueue

from helpers import SMTPSink, insert_case, make_config, post_form, smtp_config
from partners_helpers import sign_in
from test_mail_sender import Clock, build_app, new_case, outbox, send, smtp_at
from test_requests_delivery import readable

# Rows written straight into the outbox, as code before the address check (or a bug) could write them.
POISON = {
    "line separator in a worker's address": dict(to="sofie\u2028bcc@voorbeeld.be", personal=True),
    "two recipients in one address": dict(to="victim,x@evil.example"),
    "a header that cannot be built": dict(to="team@x.example", subject="Nieuwe aanvraag\nBcc: x@evil.example"),
}


@pytest.mark.parametrize("poison", POISON.values(), ids=POISON.keys())
def test_a_poisoned_message_fails_alone_and_the_rest_is_delivered_in_the_same_run(tmp_path, smtp_server, caplog,
                                                                                   poison):
    clock = Clock()
    app = build_app(tmp_path, clock, **smtp_config(smtp_server))
    with app.app_context():
        db = get_db()
        with immediate(db):  # first in line, so it is tried before the others
            enqueue(db, kind="confirmation", **{"subject": "Je aanvraag", "text": "Tekst", **poison}, now=clock())
    cases = [new_case(app, clock, p) for p in ("elp_limburg", "elp_antwerpen", "edpb_preventa")]
    caplog.set_level(logging.WARNING)

    result = app.test_cli_runner().invoke(args=["outbox", "send"])

    assert result.exit_code == 0 and "3 verstuurd, 1 mislukt" in result.output, result.output
    delivered = smtp_server.wait_for(3)
    assert len(delivered) == 3
    assert sorted(r for e in delivered for r in e.rcpt_tos) == sorted(
        ["aanmelden@elp-limburg.example", "aanmelden@elp-antwerpen.example", "aanmeldingen@preventa.example"])
    assert all(c["reference"] in "".join(readable(e.content) for e in delivered) for c in cases)
    poisoned, *others = outbox(app)
    assert [o["status"] for o in others] == ["sent"] * 3
    # Given up at once: the same row would fail the same way every time.
    assert (poisoned["status"], poisoned["attempts"]) == ("dead", 1)
    assert poisoned["last_error"].startswith("Unbuildable")
    # The log names the message, not the address.
    assert f"outbox message {poisoned['id']}" in caplog.text
    assert "evil" not in caplog.text and "sofie" not in caplog.text and "voorbeeld" not in caplog.text
    # Nothing is left for a later run, and the coordinators hear of the dead message after 24 hours.
    assert send(app) == {"sent": 0, "failed": 0}
    clock.advance(hours=24)
    with app.app_context():
        assert alert_stuck(get_db()) == 1


def test_an_address_no_key_opens_is_tried_again_with_backoff_then_given_up(tmp_path, smtp_server):
    clock = Clock()
    app = build_app(tmp_path, clock, **smtp_config(smtp_server))
    with app.app_context():
        db = get_db()
        with immediate(db):
            row_id = enqueue(db, kind="confirmation", to="sofie@voorbeeld.be", subject="Je aanvraag", text="Tekst",
                             personal=True, now=clock())
            # As after a lost key: the stored token no longer opens.
            db.execute("UPDATE outbox SET to_addr = 'gAAAAAB-not-a-token' WHERE id = ?", [row_id])
    new_case(app, clock)
    assert send(app) == {"sent": 1, "failed": 1}
    unreadable = outbox(app)[0]
    assert (unreadable["status"], unreadable["attempts"], unreadable["last_error"]) == ("pending", 1, "UnreadableAddress")
    assert unreadable["next_attempt_at"] == "2026-11-23T10:01:00+00:00"
    for minutes in (1, 5, 15, 60):
        clock.advance(minutes=minutes)
        assert send(app) == {"sent": 0, "failed": 1}
    assert (outbox(app)[0]["status"], outbox(app)[0]["attempts"]) == ("dead", 5)
    assert len(smtp_server.messages) == 1


def test_an_address_the_server_cannot_take_fails_alone_and_the_connection_serves_the_rest(tmp_path):
    with SMTPSink(enable_SMTPUTF8=False) as server:
        clock = Clock()
        app = build_app(tmp_path, clock, **smtp_at(server.port))
        with app.app_context():
            db = get_db()
            with immediate(db):
                # Letters like é before the @ pass the check, but need a server that offers SMTPUTF8.
                enqueue(db, kind="confirmation", to="zoltana.privé@voorbeeld.be", subject="Je aanvraag", text="Tekst",
                        personal=True, now=clock())
                for team in ("een@x.example", "twee@bücher.example"):
                    enqueue(db, kind="new_case", to=team, subject="Nieuwe aanvraag", text="Tekst", now=clock())
        assert send(app) == {"sent": 2, "failed": 1}
    assert sorted(r for e in server.messages for r in e.rcpt_tos) == ["een@x.example", "twee@xn--bcher-kva.example"]
    unsendable = outbox(app)[0]
    assert (unsendable["status"], unsendable["attempts"]) == ("dead", 1)
    assert unsendable["last_error"] == "SMTPNotSupportedError SMTPUTF8"


# --- addresses entered or loaded elsewhere -------------------------------------------------------

def test_an_invitation_to_a_bad_address_is_refused_with_the_input_kept(tmp_path):
    app = create_app(make_config(tmp_path))
    client = app.test_client()
    sign_in(client, app, role="coordinator")
    for address in ("victim,x@evil.example", "x@y.be?cc=evil%40b.c", "nieuw\u2028lid@preventa.example"):
        response = post_form(client, "/partners/accounts", {"email": address, "role": "member", "org_id": "edpb_preventa"})
        text = response.get_data(as_text=True)
        assert response.status_code == 422 and "Dit lijkt geen e-mailadres." in text, address
        assert re.search(r'name="email"[^>]*value="([^"]*)"', text).group(1) == address.replace("&", "&amp;")
    with app.app_context():
        users = [r["email"] for r in get_db().query("SELECT email FROM users")]
        invitations = get_db()["outbox"].count_where("kind = 'invitation'")
    assert len(users) == 1 and invitations == 0  # only the coordinator who signed in


def test_a_bad_team_or_coordinator_address_stops_start_up_with_its_name(tmp_path):
    providers = tmp_path / "providers.yml"
    providers.write_text("providers:\n  - {id: a, name: A, kind: elp, team_emails: ['team@a.example?cc=x@evil.example']}\n")
    with pytest.raises(content.ContentErrors) as caught:
        create_app(make_config(tmp_path, PROVIDERS_FILE=str(providers),
                               COORDINATOR_EMAILS=["stuurgroep@x.example", "victim,x@evil.example"],
                               MAIL_DEFAULT_SENDER="ZorgSamen <noreply@x.example>\nBcc: x@evil.example"))
    problems = [str(p) for p in caught.value.errors]
    assert "providers.yml: a: team_emails moet een lijst van e-mailadressen zijn; 'team@a.example?cc=x@evil.example'" \
           " is geen geldig adres" in problems
    assert "config: COORDINATOR_EMAILS: 'victim,x@evil.example' is geen geldig e-mailadres" in problems
    assert any(p.startswith("config: MAIL_DEFAULT_SENDER: is geen afzender") for p in problems)


def test_the_users_command_refuses_a_bad_address(tmp_path):
    app = create_app(make_config(tmp_path))
    result = app.test_cli_runner().invoke(args=["users", "add", "victim,x@evil.example", "--role", "coordinator"])
    assert result.exit_code != 0 and "not an e-mail address" in result.output
    with app.app_context():
        assert get_db()["users"].count == 0


# --- links built from stored contact details -----------------------------------------------------

@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def test_contact_links_are_built_from_checked_values_only(app, client):
    sign_in(client, app, role="member", org_id="edpb_preventa")
    # Stored before addresses were checked: a mailto link would pre-fill a copy and a text.
    legacy = insert_case(app, "edpb_preventa", contact={"name": "Sam", "phone": "0470 12 34 56?x=1",
                                                        "email": "x@y.be?cc=evil%40b.c&body=Bel%20me"})
    page = client.get(f"/partners/dossier/{legacy['link_token']}").get_data(as_text=True)
    assert "mailto:" not in page and "tel:0470" not in page
    assert "x@y.be?cc=evil%40b.c&amp;body=Bel%20me" in page  # shown as text, to read, not to click
    assert "geen geldig e-mailadres" in page
    good = insert_case(app, "edpb_preventa", contact={"name": "Sam", "phone": "+32 470 12 34 56", "email": "sam+zorg@example.be"})
    page = client.get(f"/partners/dossier/{good['link_token']}").get_data(as_text=True)
    assert 'href="mailto:sam+zorg@example.be"' in page and 'href="tel:+32470123456"' in page
