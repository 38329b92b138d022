"""Operations: production settings refused at start, health endpoint, JSON logs, backup and restore."""
import io
import json
import threading
from datetime import datetime, timedelta, timezone

import pytest

from screener import create_app
from screener.db import connect
from screener.ops import backup as backups
from screener.ops import logs
from screener.ops.settings import UnsafeProductionSettings

from helpers import make_config

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def production_config(tmp_path, **overrides):
    config = make_config(tmp_path, TESTING=False, PRODUCTION=True, SECRET_KEY="k" * 64,
                         MAIL_SERVER="smtp.zorgsamen.be", MAIL_DEFAULT_SENDER="ZorgSamen <noreply@zorgsamen.be>",
                         BASE_URL="https://www.zorgsamen.be", SESSION_COOKIE_SECURE=True,
                         PRIVACY_EMAIL="privacy@zorgsamen.be", PROXY_COUNT=1)
    config.update(overrides)
    return config


# --- production settings -------------------------------------------------------------------

def test_safe_production_settings_start(tmp_path):
    app = create_app(production_config(tmp_path))
    assert app.config["PRODUCTION"] is True and not app.debug


@pytest.mark.parametrize("override, complaint", [
    ({"DEBUG": True}, "debug mode is on"),
    ({"MAIL_SERVER": None}, "MAIL_SERVER is not set"),
    ({"SECRET_KEY": "test-secret"}, "SECRET_KEY is a default"),
    ({"SECRET_KEY": "short"}, "SECRET_KEY is a default"),
    ({"BASE_URL": "http://www.zorgsamen.be"}, "BASE_URL must be"),
    ({"DEMO_MODE": True}, "DEMO_MODE is on"),
    ({"PRIVACY_EMAIL": "privacy@zorgsamen.example"}, "PRIVACY_EMAIL"),
    ({"PROXY_COUNT": 0}, "PROXY_COUNT is 0"),
    ({"SESSION_COOKIE_SECURE": False}, "SESSION_COOKIE_SECURE"),
])
def test_production_start_refuses_unsafe_settings_with_a_clear_message(tmp_path, override, complaint):
    with pytest.raises(UnsafeProductionSettings) as refused:
        create_app(production_config(tmp_path, **override))
    assert refused.value.code.startswith("Refusing to start in production")
    assert any(complaint in p for p in refused.value.problems), refused.value.problems
    assert complaint in refused.value.code  # the message the process exits with


def test_flask_debug_environment_counts_as_debug(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    with pytest.raises(UnsafeProductionSettings):
        create_app(production_config(tmp_path))


def test_production_flag_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("ZORGSAMEN_PRODUCTION", "true")
    with pytest.raises(UnsafeProductionSettings):
        create_app(make_config(tmp_path, TESTING=False))  # test settings: short secret, no SMTP


def test_development_start_is_not_checked(tmp_path):
    assert create_app(make_config(tmp_path, DEBUG=True)).debug


# --- health --------------------------------------------------------------------------------

def add_outbox_row(db, created_at, status="pending", to_addr="team@edpb.example"):
    db["outbox"].insert({"message_id": f"<{created_at}.{status}@zorgsamen>", "kind": "new_case",
                         "to_addr": to_addr, "subject": "Nieuwe aanmelding", "body_text": "ref",
                         "created_at": created_at, "next_attempt_at": created_at, "status": status})


def test_health_ok_when_database_answers_and_outbox_is_moving(app, client, db):
    app.config["CLOCK"] = lambda: NOW
    add_outbox_row(db, (NOW - timedelta(minutes=2)).isoformat())
    response = client.get("/gezondheid")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["outbox"] == {"status": "ok", "waiting": 1, "oldest_waiting_minutes": 2, "dead": 0}
    assert response.headers["Cache-Control"] == "no-store"


def test_health_503_when_mail_is_stuck_and_shows_no_addresses(app, client, db):
    app.config["CLOCK"] = lambda: NOW
    add_outbox_row(db, (NOW - timedelta(hours=2)).isoformat(), to_addr="team@edpb.example")
    add_outbox_row(db, (NOW - timedelta(hours=3)).isoformat(), status="dead")
    response = client.get("/gezondheid")
    assert response.status_code == 503
    assert response.json["outbox"]["status"] == "backlog"
    assert response.json["outbox"]["oldest_waiting_minutes"] == 120
    assert response.json["outbox"]["dead"] == 1
    assert b"@" not in response.data


def test_health_503_when_database_is_broken(app, client):
    path = app.config["DATABASE"]
    for suffix in ("", "-wal", "-shm"):
        try:
            open(path + suffix, "wb").close()
        except FileNotFoundError:
            pass
    with open(path, "wb") as f:
        f.write(b"this is not a database" * 100)
    response = client.get("/gezondheid")
    assert response.status_code == 503
    assert response.json["database"] == "unavailable" and response.json["status"] == "unhealthy"


# --- logs ----------------------------------------------------------------------------------

def test_request_logs_are_json_without_address_query_or_token(app, client):
    stream = io.StringIO()
    logs.configure(stream=stream)
    try:
        client.get("/taal/geheim-token-123?next=/x&email=an@example.be",
                   environ_base={"REMOTE_ADDR": "203.0.113.9"})
        client.get("/bestaat/niet?token=abc")
    finally:
        logs.configure(stream=io.StringIO())
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    requests = [line for line in lines if line["logger"] == "screener.request"]
    assert [r["route"] for r in requests] == ["/taal/<code>", "(unmatched)"]
    assert requests[1]["status"] == 404 and requests[0]["method"] == "GET"
    text = stream.getvalue()
    for secret in ("geheim-token-123", "an@example.be", "203.0.113.9", "token=abc"):
        assert secret not in text


# --- backup and restore --------------------------------------------------------------------

def insert_screening(db, n):
    db["screenings"].insert({"id": f"s{n}", "day": NOW.date().isoformat(), "status": "completed"})


def test_backup_while_the_site_writes_is_consistent_and_restores(app, runner, tmp_path):
    writer_db = connect(app.config["DATABASE"])
    for n in range(200):
        insert_screening(writer_db, n)
    stop = threading.Event()

    def keep_writing():
        n = 1000
        conn = connect(app.config["DATABASE"])
        while not stop.is_set():
            with conn.conn:
                insert_screening(conn, n)
            n += 1
        conn.close()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        target = tmp_path / "backups" / "screener-1.db"
        result = runner.invoke(args=["backup", str(target)])
    finally:
        stop.set()
        writer.join()
    assert result.exit_code == 0, result.output
    assert "integrity_check ok" in result.output
    assert target.stat().st_mode & 0o077 == 0
    integrity, counts = backups.inspect(target)
    assert integrity == "ok"
    live_count = writer_db["screenings"].count
    assert 200 <= counts["screenings"] <= live_count
    assert f"screenings: {counts['screenings']}" in result.output

    # Later writes and a lost table are undone by restoring the backup.
    insert_screening(writer_db, 99999)
    writer_db.execute("DELETE FROM outbox")
    writer_db.conn.commit()
    writer_db.close()
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    check = connect(app.config["DATABASE"])
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check["screenings"].count == counts["screenings"]
    assert check["screenings"].get("s199")["status"] == "completed"
    assert backups.inspect(app.config["DATABASE"])[1] == counts
    check.close()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(app, runner, tmp_path, db):
    insert_screening(db, 1)
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 5000)
    result = runner.invoke(args=["restore", str(damaged), "--yes"])
    assert result.exit_code == 1 and f"{damaged} is not a readable SQLite database" in result.output
    assert db["screenings"].count == 1


def test_restore_asks_for_confirmation(app, runner, tmp_path, db):
    target = tmp_path / "b.db"
    assert runner.invoke(args=["backup", str(target)]).exit_code == 0
    insert_screening(db, 2)
    result = runner.invoke(args=["restore", str(target)], input="n\n")
    assert result.exit_code != 0
    assert db["screenings"].count == 1


def test_backup_to_an_unwritable_place_fails_cleanly(app, runner, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(args=["backup", str(blocker / "sub" / "b.db")])
    assert result.exit_code == 1 and "Error:" in result.output
    assert not (tmp_path / "file" / "sub").exists()


def test_behind_the_proxy_each_visitor_has_their_own_rate_limit(tmp_path):
    app = create_app(make_config(tmp_path, PROXY_COUNT=1, RATELIMIT_ENABLED=True, WTF_CSRF_ENABLED=False))
    client = app.test_client()

    def post(address):
        return client.post("/aanmelden", data={"name": "x"}, headers={"X-Forwarded-For": address}).status_code

    assert [post("198.51.100.1") for _ in range(11)][-1] == 429
    assert post("198.51.100.2") != 429  # another visitor behind the same proxy


def test_production_responses_ask_for_https_only(tmp_path):
    app = create_app(production_config(tmp_path))
    response = app.test_client().get("/gezondheid")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
