"""The card's e-mail through the outbox and a real SMTP server: a fixed text and a link, never the message."""
import email
import email.policy
import re

import pytest

from helpers import make_config, post_form, smtp_config

MESSAGE = "Zonder jou was die nachtdienst nooit gelukt. Merci voor de koffie en je geduld!"


@pytest.fixture
def app_config(tmp_path, clock):
    return make_config(tmp_path, CLOCK=clock)


def test_the_recipient_gets_a_link_and_a_block_link_and_never_the_message(app, client, db, runner, smtp_server):
    app.config.update(smtp_config(smtp_server))
    response = post_form(client, "/bedankkaartje/sturen", {
        "design": "koffie", "message": MESSAGE, "sender_name": "Fatima", "recipient_name": "Jonas",
        "recipient_email": "jonas@example.be", "action": "send"})
    assert response.status_code == 303
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    [envelope] = smtp_server.wait_for(1)
    assert envelope.rcpt_tos == ["jonas@example.be"]
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert str(message["Subject"]) == "Fatima stuurt je een bedankkaartje"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for body in (text, html, envelope.content.decode("utf-8", "replace")):
        assert "nachtdienst" not in body and "koffie en je geduld" not in body
    link = re.search(r"http://127\.0\.0\.1(/bedankkaartje/[A-Za-z0-9_-]{40,})\s", text).group(1)
    assert "Ik wil geen kaartjes meer ontvangen" in text and "/bedankkaartje/blokkeren/" in text
    assert MESSAGE in client.get(link).get_data(as_text=True).replace("&#39;", "'")
    # Delivered: the outbox forgets the address; the card keeps only its hash.
    [(to_addr,)] = db.execute("SELECT to_addr FROM outbox WHERE kind = 'card'").fetchall()
    assert to_addr == ""
