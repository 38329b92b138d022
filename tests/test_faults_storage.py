"""A read-only or full database: no "thank you" for a request that was not stored, a clear 503, nothing half-written."""
import re

import pytest

import screener.db
from helpers import csrf_token
from screener.db import connect as real_connect

REQUEST = {"name": "Sofie", "phone": "0470 12 34 56", "choice": "auto", "province": "limburg",
           "consent": "1", "action": "send"}


def read_only(path):
    db = real_connect(path)
    db.execute("PRAGMA query_only = ON")  # SQLite refuses every write: "attempt to write a readonly database"
    return db


def small_pages(path):
    """Rebuild the file with 512-byte pages, so that storing an e-mail surely needs a new page."""
    db = real_connect(path)
    db.execute("PRAGMA journal_mode = DELETE")
    db.execute("PRAGMA page_size = 512")
    db.execute("VACUUM")
    db.execute("PRAGMA journal_mode = WAL")
    db.close()


def full(path):
    db = real_connect(path)
    # The file may not grow by a single page: SQLite answers "database or disk is full".
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    return db


def counts(db):
    return {table: db[table].count for table in ("cases", "case_events", "outbox")}


@pytest.mark.parametrize("broken", [read_only, full], ids=["read-only", "full"])
def test_no_thank_you_for_a_request_that_could_not_be_stored(app, client, monkeypatch, broken):
    small_pages(app.config["DATABASE"])
    db = real_connect(app.config["DATABASE"])
    before = counts(db)
    monkeypatch.setattr(screener.db, "connect", broken)
    page = client.get("/aanmelden").get_data(as_text=True)
    token = csrf_token(page)
    response = client.post("/aanmelden", data=dict(REQUEST, csrf_token=token))
    text = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "niet bewaren" in text and "opnieuw" in text
    assert 'href="tel:1813"' in text  # a way to call right now
    assert 'value="Sofie"' in text  # nothing typed is lost
    assert not re.search(r"ZS-[A-Z0-9]{6}", text) and "Je aanvraag is verstuurd" not in text
    assert client.get("/aanmelden/klaar").status_code == 302  # no confirmation to show
    assert counts(db) == before
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_htmx_request_gets_the_message_as_a_fragment(app, client, monkeypatch):
    monkeypatch.setattr(screener.db, "connect", read_only)
    page = client.get("/aanmelden").get_data(as_text=True)
    token = csrf_token(page)
    response = client.post("/aanmelden", data=dict(REQUEST, csrf_token=token), headers={"HX-Request": "true"})
    assert response.status_code == 503
    assert b"<html" not in response.data and "niet bewaren" in response.get_data(as_text=True)


def test_any_other_refused_write_gets_the_503_page(app, client, monkeypatch, caplog):
    monkeypatch.setattr(screener.db, "connect", read_only)
    page = client.get("/screener").get_data(as_text=True)
    token = csrf_token(page)
    response = client.post("/screener/start", data={"csrf_token": token})
    text = response.get_data(as_text=True)
    assert response.status_code == 503 and response.headers["Retry-After"] == "60"
    assert "We konden je gegevens nu niet bewaren" in text and 'href="tel:1813"' in text
    reasons = [r.reason for r in caplog.records if r.getMessage() == "database unavailable"]
    assert reasons == ["attempt to write a readonly database"]


def test_a_stored_request_still_gets_its_thank_you(client, db):
    page = client.get("/aanmelden").get_data(as_text=True)
    token = csrf_token(page)
    response = client.post("/aanmelden", data=dict(REQUEST, csrf_token=token))
    assert response.status_code == 303
    reference = re.search(r"ZS-[A-Z0-9]{6}", client.get("/aanmelden/klaar").get_data(as_text=True)).group(0)
    assert db["cases"].count == 1 and next(db["cases"].rows)["reference"] == reference
