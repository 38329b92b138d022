"""Operations hardening: no demo data in production, a body size limit, erasure that reaches the
files, owner-only database files, retiring keys, hashed case links and no server banner."""
import json
import os
import re
import stat
import sys
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from helpers import make_config, page_token, smtp_config
from partners_helpers import create_user
from screener import create_app, crypto
from screener.db import connect, get_db
from screener.ops.settings import UnsafeProductionSettings
from screener.staff import demo as demodata
from test_ops import production_config
from test_requests_delivery import readable
from test_requests_form import VALID, post, send_and_get_withdraw_link

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from servers import Gunicorn, SMTPSink, production_env  # noqa: E402

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)  # Monday 11:00 in Brussels


@pytest.fixture
def app_config(tmp_path):
    return make_config(tmp_path, CLOCK=lambda: NOW)


# --- 5. demo data never reaches production ------------------------------------------------

def test_flask_demo_refuses_in_production(tmp_path):
    app = create_app(production_config(tmp_path))
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code != 0
    assert "Refusing to add demo data in production" in result.output
    db = connect(app.config["DATABASE"])
    assert db["users"].count == 0 and db["cases"].count == 0


def seed_demo_accounts(app):
    with app.app_context():
        demodata.seed(app, get_db())


def test_production_start_refuses_while_demo_accounts_exist(tmp_path):
    seed_demo_accounts(create_app(make_config(tmp_path)))
    with pytest.raises(UnsafeProductionSettings) as refused:
        create_app(production_config(tmp_path))
    assert "demo accounts" in refused.value.code and "@demo.zorgsamen.example" in refused.value.code
    assert "and 7 more" in refused.value.code  # 12 accounts: the first five are named


def test_a_demo_account_under_another_address_is_still_found_by_its_published_secret(tmp_path):
    seed_demo_accounts(create_app(make_config(tmp_path)))
    db = connect(tmp_path / "test.db")
    with db.conn:
        db.execute("UPDATE users SET email = 'stuurgroep@zorgsamen.be' WHERE email = ?", [demodata.COORDINATOR_EMAIL])
        db.execute("DELETE FROM users WHERE email LIKE '%@demo.zorgsamen.example'")
    with pytest.raises(UnsafeProductionSettings) as refused:
        create_app(production_config(tmp_path))
    assert "stuurgroep@zorgsamen.be" in refused.value.code
    with db.conn:
        db.execute("DELETE FROM users")
    assert create_app(production_config(tmp_path)).config["PRODUCTION"] is True


# --- 6. bodies have a size limit -------------------------------------------------------------

def test_a_too_large_post_gets_the_dutch_413_page_and_is_not_processed(client, db):
    token = page_token(client, "/aanmelden")
    data = {**VALID, "consent": "1", "action": "send", "csrf_token": token, "name": "S" * 100_000}
    page = client.post("/aanmelden", data=data, headers={"Referer": "http://localhost/aanmelden"})
    text = page.get_data(as_text=True)
    assert page.status_code == 413 and "<html" in text
    assert "Te veel gegevens" in text and "niets bewaard" in text and 'href="/aanmelden"' in text
    fragment = client.post("/aanmelden", data=data, headers={"HX-Request": "true"})
    assert fragment.status_code == 413 and "<html" not in fragment.get_data(as_text=True)
    assert "Te veel gegevens" in fragment.get_data(as_text=True)
    assert db["cases"].count == 0 and db["outbox"].count == 0


def test_the_largest_legitimate_form_fits(client, db):
    # Every text field as long as the form reads it (300 characters), in 4-byte characters.
    from screener.cases.vocabulary import MOMENTS
    from screener.requests.forms import TEXT_FIELDS

    data = {name: "\U0001F60A" * 300 for name in TEXT_FIELDS}
    data.update(consent="1", moments=list(MOMENTS), action="send", csrf_token=page_token(client, "/aanmelden"))
    response = client.post("/aanmelden", data=data)
    assert response.status_code == 422  # read and answered field by field, not refused for its size
    assert post(client, **VALID, consent="1", action="send").status_code == 303


# --- 8. erased means gone from the files too --------------------------------------------------

def file_bytes(app):
    """The raw bytes of the database, its WAL and its shared-memory file."""
    path = Path(app.config["DATABASE"])
    return {name: (Path(f"{path}{name}").read_bytes() if Path(f"{path}{name}").exists() else b"")
            for name in ("", "-wal", "-shm")}


def secrets_of_the_request(db):
    """The contact details' ciphertext and the worker's encrypted address, as stored now."""
    case = db.execute("SELECT contact_encrypted FROM cases").fetchall()
    addresses = db.execute("SELECT to_addr FROM outbox WHERE to_encrypted = 1").fetchall()
    return [row[0] for row in case + addresses if row[0]]


def erase_by_worker(app, client, link):
    assert client.post(link, data={"csrf_token": page_token(client, link)}).status_code == 200


def erase_by_cli(app, client, link):
    reference = connect(app.config["DATABASE"]).execute("SELECT reference FROM cases").fetchone()[0]
    result = app.test_cli_runner().invoke(args=["erase", reference])
    assert result.exit_code == 0, result.output


def erase_by_team(app, client, link):
    from screener.cases import actions as casework

    user = create_user(app, role="member", org_id="elp_limburg")
    with app.app_context():
        db = get_db()
        case_id = db.execute("SELECT id FROM cases").fetchone()[0]
        casework.act(db, case_id, "close", user_id=user["id"], now=NOW, outcome="withdrawn")


def erase_by_retention(app, client, link):
    connect(app.config["DATABASE"]).execute("UPDATE cases SET status = 'closed', outcome = 'supported', closed_at = ?",
                                            [(NOW - timedelta(days=400)).isoformat()])
    result = app.test_cli_runner().invoke(args=["retention", "run"])
    assert result.exit_code == 0 and "contacts_erased 1" in result.output, result.output


@pytest.mark.parametrize("erase", [erase_by_worker, erase_by_cli, erase_by_team, erase_by_retention])
def test_an_erasure_leaves_no_copy_in_the_database_wal_or_shm(app, client, db, erase):
    link = send_and_get_withdraw_link(client, email="sofie@voorbeeld.be", confirm_email="1")
    token = link.rsplit("/", 1)[1]
    secrets = secrets_of_the_request(db)
    assert len(secrets) == 2  # the contact details and the address of the confirmation e-mail
    before = b"".join(file_bytes(app).values())
    assert all(s.encode() in before for s in secrets + [token])  # they were in the files
    erase(app, client, link)
    for name, content in file_bytes(app).items():
        for secret in secrets + [token]:
            assert secret.encode() not in content, f"a copy is left in screener.db{name}"
    assert db.execute("SELECT contact_encrypted FROM cases").fetchone()[0] is None


def test_database_files_and_backups_are_owner_only(app, client, tmp_path):
    old_umask = os.umask(0o022)  # as outside systemd
    try:
        fresh = create_app(make_config(tmp_path / "fresh", CLOCK=lambda: NOW))
        fresh_client = fresh.test_client()
        post(fresh_client, **VALID, consent="1", action="send")
        result = fresh.test_cli_runner().invoke(args=["backup", str(tmp_path / "backups" / "copy.db")])
        assert result.exit_code == 0, result.output
    finally:
        os.umask(old_umask)
    database = fresh.config["DATABASE"]
    files = [database, f"{database}-wal", f"{database}-shm", f"{database}-writers.lock", tmp_path / "backups" / "copy.db"]
    for path in files:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path


def test_keys_rotate_retire_drops_keys_no_stored_value_uses(app, client, db):
    post(client, **VALID, email="sofie@voorbeeld.be", confirm_email="1", consent="1", action="send")
    keys_file = Path(app.instance_path) / "fernet.keys"
    runner = app.test_cli_runner()
    for _ in range(2):
        assert runner.invoke(args=["keys", "rotate"]).exit_code == 0
    oldest = keys_file.read_text().split()
    assert len(oldest) == 3
    result = runner.invoke(args=["keys", "rotate", "--retire"])
    assert result.exit_code == 0 and "2 old key(s) dropped" in result.output, result.output
    keys = keys_file.read_text().split()
    # The new key, and the one before it (a running web process may have just used it).
    assert len(keys) == 2 and keys[0] not in oldest and keys[1] == oldest[0]
    for token in secrets_of_the_request(db):
        json.loads(Fernet(keys[0]).decrypt(token.encode()))
    with app.app_context():
        contact = crypto.decrypt(db.execute("SELECT contact_encrypted FROM cases").fetchone()[0])
    assert contact["name"] == "Sofie"


# --- 9. no server banner ------------------------------------------------------------------------

def test_no_server_header_under_gunicorn(tmp_path):
    with SMTPSink() as sink:
        env = production_env(tmp_path / "instance", sink.port)
        with Gunicorn("bench.wsgi_site:app", env, workers=1, threads=1) as server:
            response = urllib.request.urlopen(server.url + "/gezondheid")
            assert response.status == 200 and response.headers.get("Server") is None
            try:
                urllib.request.urlopen(server.url + "/bestaat-niet")
            except urllib.error.HTTPError as missing:
                assert missing.code == 404 and missing.headers.get("Server") is None


def test_no_server_header_under_the_development_server(live_server):
    response = urllib.request.urlopen(live_server.url + "/")
    assert response.status == 200 and response.headers.get("Server") is None


# --- 9. the case link's token is stored as its hash ---------------------------------------------

def team_link_token(db, case_id):
    body = db.execute("SELECT body_text FROM outbox WHERE case_id = ? AND kind = 'new_case'", [case_id]).fetchone()[0]
    return re.search(r"/partners/dossier/([A-Za-z0-9_-]{40,})", body).group(1)


def test_the_case_link_token_is_stored_only_as_its_hash_and_the_emailed_link_opens_the_case(app, client, db):
    from partners_helpers import sign_in
    from screener.tokens import hash_token

    post(client, **VALID, consent="1", action="send")
    case = dict(zip(*(lambda cursor: ([c[0] for c in cursor.description], cursor.fetchone()))(
        db.execute("SELECT * FROM cases"))))
    token = team_link_token(db, case["id"])
    assert token not in json.dumps(case) and case["link_token_hash"] == hash_token(token)
    team = app.test_client()
    sign_in(team, app, role="member", org_id=case["provider_id"])
    for key in (token, case["reference"]):  # the e-mailed link, and the site's own links
        page = team.get(f"/partners/dossier/{key}")
        assert page.status_code == 200 and case["reference"] in page.get_data(as_text=True)
    assert team.get(f"/partners/dossier/{case['link_token_hash']}").status_code == 404  # a copy of the database opens nothing
    listing = team.get("/partners/").get_data(as_text=True)
    assert f'href="/partners/dossier/{case["reference"]}"' in listing and token not in listing


def test_a_delivered_team_mail_keeps_no_link_that_opens_the_case(tmp_path, smtp_server):
    from screener.mail.sender import send_due
    from screener.db import get_db

    app = create_app(make_config(tmp_path, **smtp_config(smtp_server)))
    client = app.test_client()
    post(client, **VALID, consent="1", action="send")
    with app.app_context():
        db = get_db()
        token = team_link_token(db, 1)
        assert send_due(app, db)["sent"] >= 1
        assert any(token in readable(envelope.content) for envelope in smtp_server.messages)  # the team got it
        rows = db.execute("SELECT kind, to_addr, body_text, body_html FROM outbox").fetchall()
    team = [row for row in rows if row[0] == "new_case"]
    assert team and all(row[1] and row[2] == "" and row[3] is None for row in team)  # the team's address stays
    assert all(token not in (row[2] or "") + (row[3] or "") for row in rows)


def test_link_tokens_stored_before_are_hashed_and_their_links_keep_working(tmp_path):
    from partners_helpers import sign_in
    from screener.cases import schema as referral_schema
    from screener.tokens import hash_token
    from screener.screening import schema as screening_schema

    config = make_config(tmp_path, CLOCK=lambda: NOW)
    old = connect(config["DATABASE"])
    screening_schema.migrations.apply(old)
    referral_schema.migrations.apply(old, stop_before="hash_case_link_tokens")
    token = "an-old-link-token-from-an-e-mail-sent-before-the-upgrade-0001"
    old["cases"].insert({"reference": "ZS-OLD234", "link_token": token, "status": "new", "step": 1,
                         "provider_id": "edpb_preventa", "created_at": NOW.isoformat(), "due_at": NOW.isoformat()})
    old.close()
    app = create_app(config)
    db = connect(config["DATABASE"])
    row = db.execute("SELECT link_token_hash FROM cases WHERE reference = 'ZS-OLD234'").fetchone()
    assert row[0] == hash_token(token)
    assert token.encode() not in Path(config["DATABASE"]).read_bytes() + Path(f"{config['DATABASE']}-wal").read_bytes()
    client = app.test_client()
    sign_in(client, app, role="coordinator")
    assert client.get(f"/partners/dossier/{token}").status_code == 200
