"""Follow-up that happens: check-ins at 4 weeks and 3 months after the first contact, by e-mail through the
outbox with a single-use link, at most two reminders, and a link in every message that stops it all."""
import email
import email.policy
import re

import pytest

from helpers import act_on_case, insert_case, post_form, smtp_config
from screener import crypto

LINK = re.compile(r"http://127\.0\.0\.1/opvolging/([A-Za-z0-9_-]+)(/stop)?")


@pytest.fixture
def app_config(clocked_config):
    return clocked_config


def run_job(app):
    from screener.followup import sending

    with app.app_context():
        return sending.run()


def followup_mail(db, status=None):
    rows = list(db["outbox"].rows_where("kind = 'followup'", order_by="id"))
    return [row for row in rows if status is None or row["status"] == status]


def contacted_case(app, clock, **fields):
    """A case whose worker agreed to a check-in, contacted by the team right now."""
    case = insert_case(app, followup_consent=True, **fields)
    act_on_case(app, case["id"], "claim", clock.now)
    act_on_case(app, case["id"], "first_contact", clock.now)
    return case


def links(row):
    """(check-in token, stop token) of one e-mail."""
    found = LINK.findall(row["body_text"])
    return next(t for t, stop in found if not stop), next(t for t, stop in found if stop)


def test_first_contact_then_4_weeks_mail_two_reminders_and_no_third(app, db, clock):
    case = contacted_case(app, clock)
    clock.advance(days=27, hours=23)
    assert run_job(app) == (0, 0) and followup_mail(db) == []
    clock.advance(hours=1)
    assert run_job(app) == (1, 0)
    [first] = followup_mail(db)
    assert first["case_id"] == case["id"] and first["to_encrypted"] == 1
    with app.app_context():
        assert crypto.decrypt(first["to_addr"]) == "sam@example.be"
    assert first["subject"] == "Hoe gaat het nu met je?"
    token, stop_token = links(first)
    assert len(token) == 22 and token == stop_token  # 128 bits, URL-safe
    # No personal data in the mail or the link: no name, no number, no reference, no address.
    for secret in ("Sam Peeters", "Peeters", "470", case["reference"], "sam@example.be"):
        assert secret not in first["body_text"] and secret not in (first["body_html"] or "")
    stored = db["followup_checkins"].get(1)
    assert stored["kind"] == "4w" and stored["reminders_sent"] == 0
    assert token not in str(list(db["followup_links"].rows))  # only the hash is stored
    assert run_job(app) == (0, 0)  # the same moment again: nothing twice

    clock.advance(days=7)
    assert run_job(app) == (0, 1)
    clock.advance(days=7)
    assert run_job(app) == (0, 1)
    clock.advance(days=6, hours=23)
    assert run_job(app) == (0, 0)  # never a third reminder
    mails = followup_mail(db)
    assert [m["subject"] for m in mails] == ["Hoe gaat het nu met je?"] + ["Herinnering: hoe gaat het nu met je?"] * 2
    assert len({links(m)[0] for m in mails}) == 3  # each message its own link
    assert db["followup_checkins"].get(1)["reminders_sent"] == 2


def test_every_link_of_a_check_in_opens_it_until_it_is_answered_then_the_3_month_one_follows(app, db, clock, client):
    contacted_case(app, clock)
    clock.advance(days=28)
    run_job(app)
    clock.advance(days=7)
    run_job(app)
    first, reminder = (links(m)[0] for m in followup_mail(db))
    assert client.get(f"/opvolging/{first}").status_code == 200
    assert client.get(f"/opvolging/{reminder}").status_code == 200
    with app.app_context():
        from screener.db import get_db, immediate
        with immediate(get_db()):
            get_db().execute("UPDATE followup_checkins SET answered_at = '2026-12-28T10:00:00+00:00'")
    clock.advance(days=7)
    assert run_job(app) == (0, 0)  # answered: no reminder
    assert client.get(f"/opvolging/{first}").status_code == 410
    clock.advance(days=91 - 28 - 14)
    assert run_job(app) == (1, 0)
    assert db["followup_checkins"].get(2)["kind"] == "3m"


def test_the_stop_link_asks_first_then_stops_everything_at_once(app, db, clock, client):
    case = contacted_case(app, clock)
    clock.advance(days=28)
    run_job(app)
    token, stop_token = links(followup_mail(db)[0])
    url = f"/opvolging/{stop_token}/stop"
    page = client.get(url)
    assert page.status_code == 200 and "Wil je geen vragen meer krijgen?" in page.get_data(as_text=True)
    assert db["cases"].get(case["id"])["followup_consent"] == 1  # a link scanner's GET changes nothing
    done = post_form(client, url, {})
    assert done.status_code == 200 and "We sturen je geen vragen meer" in done.get_data(as_text=True)
    assert db["cases"].get(case["id"])["followup_consent"] == 0
    assert db["followup_checkins"].get(1)["cancelled_at"] is not None
    [mail] = followup_mail(db)
    assert mail["status"] == "cancelled" and mail["to_addr"] == ""  # not sent yet: never sent
    assert "followup_stopped" in [e["kind"] for e in db["case_events"].rows_where("case_id = ?", [case["id"]])]
    for days in (7, 7, 63):
        clock.advance(days=days)
        assert run_job(app) == (0, 0)
    gone = client.get(f"/opvolging/{token}")
    assert gone.status_code == 410 and "1813" in gone.get_data(as_text=True)
    assert post_form(client, url, {}).status_code == 200  # a second stop is fine


@pytest.mark.parametrize("fields", [
    {"followup_consent": False},
    {"followup_consent": True, "contact": {"name": "Sam Peeters", "phone": "+32 470 12 34 56"}},
])
def test_no_check_in_without_consent_or_without_an_e_mail_address(app, db, clock, fields):
    case = insert_case(app, **fields)
    act_on_case(app, case["id"], "claim", clock.now)
    act_on_case(app, case["id"], "first_contact", clock.now)
    for days in (28, 7, 7, 49):
        clock.advance(days=days)
        assert run_job(app) == (0, 0)
    assert followup_mail(db) == [] and list(db["followup_checkins"].rows) == []


def test_no_check_in_before_a_first_contact(app, db, clock):
    insert_case(app, followup_consent=True)
    clock.advance(days=100)
    assert run_job(app) == (0, 0)


def test_the_check_in_is_delivered_over_smtp_by_the_worker(app, db, clock, runner, smtp_server):
    app.config.update(smtp_config(smtp_server))
    contacted_case(app, clock)
    clock.advance(days=28)
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0
    assert runner.invoke(args=["worker", "--once"]).exit_code == 0  # the job queued it; the outbox sends it
    mine = [email.message_from_bytes(e.content, policy=email.policy.default)
            for e in smtp_server.wait_for(2) if e.rcpt_tos == ["sam@example.be"]]
    [message] = [m for m in mine if str(m["Subject"]) == "Hoe gaat het nu met je?"]
    text = message.get_body(("plain",)).get_content()
    assert LINK.search(text) and "/stop" in text and "Peeters" not in text


def test_one_case_that_fails_does_not_stop_the_others(app, db, clock, monkeypatch):
    from screener.followup import sending

    broken, fine = contacted_case(app, clock), contacted_case(app, clock)
    clock.advance(days=28)
    real = sending._send_new

    def fail_for_the_first(db_, case_id, *args):
        if case_id == broken["id"]:
            raise RuntimeError("the outbox refused this one")
        return real(db_, case_id, *args)

    monkeypatch.setattr(sending, "_send_new", fail_for_the_first)
    assert run_job(app) == (1, 0)
    assert [row["case_id"] for row in followup_mail(db)] == [fine["id"]]
    monkeypatch.setattr(sending, "_send_new", real)
    assert run_job(app) == (1, 0)  # the next run sends the one that failed
    assert sorted(row["case_id"] for row in followup_mail(db)) == sorted([broken["id"], fine["id"]])
