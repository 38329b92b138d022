"""Sign-in under attack: throttled per account and source, a cap per account with an alert, audited
without addresses; new passwords long and hard to guess."""
import io
import json
import re

import pytest

from helpers import make_config, post_form
from partners_helpers import create_user, sign_in, totp_code
from screener import create_app
from screener.db import connect
from screener.ops import logs
from screener.staff import passwords

STRANGER = "203.0.113.9"
REAL_USER = "198.51.100.20"


@pytest.fixture
def app_config(tmp_path, clock):
    return make_config(tmp_path, CLOCK=clock, RATELIMIT_ENABLED=True)


@pytest.fixture
def log_stream():
    """The app's JSON log lines, as they would go to stderr."""
    stream = io.StringIO()
    logs.configure(stream=stream)
    yield stream
    logs.configure(stream=io.StringIO())


def attempt(app, user, source, password=None, code=None):
    """One sign-in from `source` (a client address) with a fresh browser; wrong password unless given."""
    client = app.test_client()
    data = {"email": user["email"], "password": password or "niet-het-wachtwoord",
            "code": code or totp_code(app, user["totp_secret"])}
    return post_form(client, "/partners/inloggen", data, environ_base={"REMOTE_ADDR": source})


def right(app, user, source):
    return attempt(app, user, source, password=user["password"])


def audit_rows(db, action):
    return [json.loads(detail) for (detail,) in
            db.execute("SELECT detail FROM audit_log WHERE action = ? ORDER BY id", [action]).fetchall()]


def test_a_stranger_is_throttled_while_the_real_user_from_elsewhere_gets_in(app, clock):
    user = create_user(app, org_id="edpb_preventa")
    assert [attempt(app, user, STRANGER).status_code for _ in range(5)] == [422] * 5
    blocked = right(app, user, STRANGER)  # even the right password: this source is throttled for this account
    assert blocked.status_code == 429
    assert "Wacht 15 minuten" in blocked.get_data(as_text=True)
    assert right(app, user, REAL_USER).status_code == 303  # the real user, from elsewhere, gets in
    clock.advance(minutes=16)  # the stranger's failures age out on the app clock
    assert attempt(app, user, STRANGER).status_code == 422


def test_a_right_sign_in_starts_the_count_afresh_for_that_source(app, clock):
    user = create_user(app, org_id="edpb_preventa")
    for _ in range(4):
        assert attempt(app, user, REAL_USER).status_code == 422  # typos
    assert right(app, user, REAL_USER).status_code == 303
    clock.advance(seconds=31)  # a new code
    assert [attempt(app, user, REAL_USER).status_code for _ in range(5)] == [422] * 5


@pytest.fixture
def capped(tmp_path, clock):
    """A small cap per account (the default is 50 an hour) so the test stays short."""
    return create_app(make_config(tmp_path, CLOCK=clock, RATELIMIT_ENABLED=True,
                                  PARTNER_SIGNIN_ACCOUNT_SOURCE_LIMIT="3 per 15 minutes",
                                  PARTNER_SIGNIN_ACCOUNT_LIMIT="7 per hour"))


def test_the_cap_per_account_stops_every_source_and_alerts_the_coordinators_once(capped, clock):
    app = capped
    db = connect(app.config["DATABASE"])
    user = create_user(app, email="anneke.peeters@preventa.example", org_id="edpb_preventa")
    create_user(app, role="coordinator", email="coord@stuurgroep.example")
    sources = [f"192.0.2.{n}" for n in range(1, 4)]
    statuses = [attempt(app, user, source).status_code for source in sources for _ in range(3)]
    assert statuses[:7] == [422] * 7 and statuses[7:] == [429, 429]  # 7 failures from three sources fill the cap
    locked = right(app, user, "198.51.100.99")  # a fresh source, right password and code: locked out too
    assert locked.status_code == 429 and "geblokkeerd" in locked.get_data(as_text=True)
    # The coordinators heard of it once, without the account's address or name.
    alerts = db.execute("SELECT to_addr, subject, body_text FROM outbox WHERE kind = 'signin_locked'").fetchall()
    assert sorted(to for to, _, _ in alerts) == ["coord@stuurgroep.example", "stuurgroep@zorgsamen.example"]
    subject, body = alerts[0][1], alerts[0][2]
    assert f"account {user['id']}" in subject and "Preventa" in body
    for private in ("anneke", "peeters", *sources):
        assert private not in (subject + body).lower()
    assert len(audit_rows(db, "signin_locked")) == 1
    assert right(app, user, "198.51.100.100").status_code == 429  # still locked: no second alert
    assert db.execute("SELECT count(*) FROM outbox WHERE kind = 'signin_locked'").fetchone()[0] == 2
    clock.advance(minutes=61)
    assert right(app, user, REAL_USER).status_code == 303  # the cap counts the last hour only
    db.close()


def test_refused_sign_ins_are_audited_and_logged_with_the_account_and_without_the_address(app, db, log_stream):
    user = create_user(app, org_id="edpb_preventa")
    attempt(app, user, STRANGER)  # wrong password
    attempt(app, user, STRANGER, password=user["password"], code="000000")  # right password, wrong code
    unknown = {**user, "email": "niemand-bekend@elders.example"}
    attempt(app, unknown, STRANGER)
    for _ in range(3):
        attempt(app, user, STRANGER)
    throttled = attempt(app, user, STRANGER)
    assert throttled.status_code == 429

    failed = audit_rows(db, "signin_failed")
    assert [(row.get("detail_user_id"), row["reason"]) for row in failed[:3]] == [
        (user["id"], "password"), (user["id"], "code"), (None, "unknown_account")]
    [refused] = audit_rows(db, "signin_throttled")
    assert refused["detail_user_id"] == user["id"] and refused["limit"] == "account_source"
    assert len({row["source"] for row in failed + [refused]}) == 1  # one source, recognisable as one

    lines = [json.loads(line) for line in log_stream.getvalue().splitlines()]
    events = [line for line in lines if line.get("event", "").startswith("signin_")]
    assert [e["event"] for e in events] == ["signin_failed"] * 6 + ["signin_throttled"]
    assert events[0]["account"] == user["id"] and events[2]["account"] is None
    stored = "".join(str(row) for row in db.execute("SELECT * FROM audit_log").fetchall())
    for where in (stored, log_stream.getvalue()):
        assert STRANGER not in where and "niemand-bekend" not in where


@pytest.mark.parametrize("password, message", [
    ("kort-2026", "minstens 12 tekens"),
    ("password1234", "Dit wachtwoord gebruiken veel mensen"),
    ("wachtwoord123", "Dit wachtwoord gebruiken veel mensen"),
    ("aaaaaaaaaaaa", "herhaalt tekens"),
    ("abcdefghijkl", "bevat een reeks"),
    ("preventa2026", "lijkt op je naam of je e-mailadres"),
])
def test_a_weak_new_password_is_refused_with_the_reason_in_dutch(app, client, db, password, message):
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    assert post_form(coordinator, "/partners/accounts", {"email": "nieuw@preventa.example", "role": "member",
                                                         "org_id": "edpb_preventa"}).status_code == 303
    body = db.execute("SELECT body_text FROM outbox WHERE kind = 'invitation'").fetchone()[0]
    link = re.search(r"http://127\.0\.0\.1(/partners/uitnodiging/\S+)", body).group(1)
    response = post_form(client, link, {"password": password, "password_again": password, "code": "123456"})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.execute("SELECT password_hash FROM users WHERE email = 'nieuw@preventa.example'").fetchone()[0] is None


def test_a_password_reset_refuses_a_common_password_too(app, client, db, clock):
    member = create_user(app, email="vergeten@preventa.example", org_id="edpb_preventa")
    coordinator = app.test_client()
    sign_in(coordinator, app, role="coordinator")
    assert post_form(coordinator, f"/partners/accounts/{member['id']}/uitnodigen", {},
                     page="/partners/accounts").status_code == 303
    body = db.execute("SELECT body_text FROM outbox WHERE kind = 'invitation' ORDER BY id DESC").fetchone()[0]
    link = re.search(r"http://127\.0\.0\.1(/partners/uitnodiging/\S+)", body).group(1)
    response = post_form(client, link, {"password": "iloveyou1234", "password_again": "iloveyou1234", "code": "1"})
    assert response.status_code == 422 and "veel mensen" in response.get_data(as_text=True)


def test_an_account_made_without_invitation_gets_no_weak_password_either(app):
    from screener.staff.accounts import AccountError

    with pytest.raises(AccountError, match="minstens 12 tekens"):
        create_user(app, password="kort-maar-0")


def test_password_reasons():
    assert passwords.password_problem("lente-in-gent-2026") is None
    assert passwords.password_problem("qwertyuiop12") == "common"
    assert passwords.password_problem("azertyuiop12") == "common"  # a Belgian keyboard
    assert passwords.password_problem("1987-05-19-1987") is None  # 15 characters of dates: zxcvbn scores it strong enough
    assert passwords.password_problem("zorgsamen2026") == "common"
    assert passwords.password_problem("jan.de.smet.1", "jan.de.smet@cgg.example") == "personal"
