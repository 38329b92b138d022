"""From the request form to the inboxes, through the worker and a real SMTP server."""
import email
import email.policy
import re

import pytest

from helpers import csrf_token, make_config, smtp_config
from screener.tokens import hash_token


@pytest.fixture
def app_config(tmp_path, smtp_server):
    return make_config(tmp_path, **smtp_config(smtp_server))


def readable(raw):
    """Headers and every decoded text part of a received message."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = [part.get_content() for part in message.walk() if part.get_content_maintype() == "text"]
    return str(message["Subject"]) + "\n" + "\n".join(parts)


def test_worker_delivers_team_notice_and_worker_confirmation(client, runner, smtp_server, db):
    page = client.get("/aanmelden").get_data(as_text=True)
    token = csrf_token(page)
    response = client.post("/aanmelden", data={
        "csrf_token": token, "name": "Sofie", "phone": "0470 12 34 56", "email": "sofie@voorbeeld.be",
        "choice": "employer", "employer": "edpb_preventa", "consent": "1", "confirm_email": "1", "action": "send"})
    assert response.status_code == 303
    assert smtp_server.messages == []  # nothing is sent inside the request
    result = runner.invoke(args=["worker", "--once"])
    assert result.exit_code == 0, result.output
    messages = {tuple(e.rcpt_tos): readable(e.content) for e in smtp_server.wait_for(2)}
    assert set(messages) == {("aanmeldingen@preventa.example",), ("sofie@voorbeeld.be",)}
    [case] = db["cases"].rows
    team = messages[("aanmeldingen@preventa.example",)]
    token = re.search(r"/partners/dossier/([A-Za-z0-9_-]{40,})", team).group(1)
    assert case["reference"] in team and hash_token(token) == case["link_token_hash"]
    for secret in ("Sofie", "470", "sofie@voorbeeld.be"):
        assert secret not in team
    mine = messages[("sofie@voorbeeld.be",)]
    assert case["reference"] in mine and "/aanmelden/intrekken/" in mine and "Preventa Externe Dienst" in mine
    link = re.search(r"http://127\.0\.0\.1(/aanmelden/intrekken/[A-Za-z0-9_=-]+)", mine).group(1)
    # The worker's address and the secret link are not kept once the e-mail is out.
    stored = " ".join(str(r) for r in db["outbox"].rows)
    assert "sofie@voorbeeld.be" not in stored and link not in stored
    assert client.get(link).status_code == 200


def test_a_request_succeeds_while_smtp_hangs_and_its_mail_arrives_once_smtp_is_back(tmp_path, smtp_server):
    import time

    from screener import create_app
    from screener.db import connect
    from test_mail_sender import RawServer, hang

    bad = RawServer(hang)
    app = create_app(make_config(tmp_path / "down", MAIL_SERVER="127.0.0.1", MAIL_PORT=bad.port, MAIL_USE_TLS=False,
                                 MAIL_TIMEOUT=1))
    client, runner = app.test_client(), app.test_cli_runner()
    try:
        page = client.get("/aanmelden").get_data(as_text=True)
        token = csrf_token(page)
        started = time.monotonic()
        response = client.post("/aanmelden", data={
            "csrf_token": token, "name": "Sofie", "phone": "0470 12 34 56", "choice": "region",
            "province": "limburg", "consent": "1", "action": "send"})
        assert response.status_code == 303 and time.monotonic() - started < 1
        assert runner.invoke(args=["outbox", "send"]).output.startswith("Outbox: 0 verstuurd, 1 mislukt")
    finally:
        bad.stop()
    app.config.update(smtp_config(smtp_server))
    db = connect(app.config["DATABASE"])
    db.execute("UPDATE outbox SET next_attempt_at = created_at")  # its retry time has come
    db.conn.commit()
    assert "1 verstuurd" in runner.invoke(args=["outbox", "send"]).output
    assert "0 verstuurd" in runner.invoke(args=["outbox", "send"]).output
    [case] = db["cases"].rows
    [envelope] = smtp_server.wait_for(1)
    assert case["reference"] in readable(envelope.content) and len(smtp_server.messages) == 1
