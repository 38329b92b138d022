"""An anonymous screening cannot be tied to a named request: tested as someone with the database file and the keys."""
import base64
import json
import re
import sqlite3
import zlib
from datetime import datetime, timezone

import pytest

from helpers import MovableClock, csrf_token, make_config

START = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)  # a Monday, 10:00 in Brussels
LOW = [0, 0, 0, 0, 0, 5, 4, 4, 5, 4, 0, 3]  # a calm week: green, no crisis
FIREFOX = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"}
SAFARI = {"User-Agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15"}
RARE = {"gender": "andere", "sector": "childcare", "province": "limburg"}
COMMON = {"gender": "vrouw", "sector": "hospital", "province": "antwerpen"}
REQUEST = {"name": "Robin", "phone": "0470 12 34 56", "channel": "phone", "choice": "region", "province": "limburg"}
TALLIES = {"screening_tallies", "request_tallies"}


@pytest.fixture
def clock():
    return MovableClock(START)


@pytest.fixture
def app_config(tmp_path, clock):
    return make_config(tmp_path, CLOCK=clock)


def screen(client, clock, headers, profile):
    """A whole screener run as a browser does it, a minute per screen."""
    token = csrf_token(client.get("/screener", headers=headers).get_data(as_text=True))
    client.post("/screener/start", data={"csrf_token": token}, headers=headers)
    for number, value in enumerate(LOW, 1):
        clock.advance(minutes=1)
        client.get(f"/screener/vraag/{number}", headers=headers)
        client.post(f"/screener/vraag/{number}", data={"csrf_token": token, "answer": str(value)}, headers=headers)
    client.get("/screener/over-jou", headers=headers)
    client.post("/screener/over-jou", data={"csrf_token": token, **profile}, headers=headers)
    client.get("/screener/resultaat", headers=headers)
    return token


def ask_to_be_called(client, clock, headers, **extra):
    clock.advance(minutes=2)
    token = csrf_token(client.get("/aanmelden", headers=headers).get_data(as_text=True))
    response = client.post("/aanmelden", data={"csrf_token": token, **REQUEST, "consent": "1", "action": "send", **extra},
                           headers=headers)
    assert response.status_code == 303
    return client.get("/aanmelden/klaar", headers=headers).get_data(as_text=True)


def everything_stored(path):
    """{table: (columns, rows)} of every table in the database file, as an attacker reads it."""
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    dump = {}
    for table in tables:
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        dump[table] = ([c[0] for c in cursor.description], cursor.fetchall())
    conn.close()
    return dump


def screening_id_of(client):
    from screener.screening import current

    with client:
        client.get("/privacy")
        return current.remembered()["id"]


def test_a_request_without_shared_results_cannot_be_tied_to_its_screening(app, clock):
    worker, other = app.test_client(), app.test_client()
    screen(worker, clock, FIREFOX, RARE)
    clock.advance(minutes=3)
    screen(other, clock, SAFARI, COMMON)  # someone else that day, with the same band
    ask_to_be_called(worker, clock, FIREFOX)
    mine, theirs = screening_id_of(worker), screening_id_of(other)
    dump = everything_stored(app.config["DATABASE"])

    # 1. Only the screenings table knows a screening's id: no case, event, e-mail or log points at it.
    for table, (_columns, rows) in dump.items():
        if table != "screenings":
            text = json.dumps(rows)
            assert mine not in text and theirs not in text, table

    # 2. The rare profile sits only in per-day tallies, which name no run, no case and no time.
    for table, (columns, rows) in dump.items():
        text = json.dumps(rows)
        if table in TALLIES:
            assert columns == ["day", "dimension", "value", "count"]
            assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", row[0]) for row in rows)
        else:
            assert "childcare" not in text and "andere" not in text, table
    [case] = [dict(zip(dump["cases"][0], row)) for row in dump["cases"][1]]
    assert case["screening_id"] is None and case["share_results"] == 0 and case["province"] == "limburg"
    assert not {"sector", "gender"} & set(case)

    # 3. The screenings keep no time finer than the day and no order; both of that day look alike.
    columns, rows = dump["screenings"]
    screenings = {row[columns.index("id")]: dict(zip(columns, row)) for row in rows}
    for screening in screenings.values():
        assert not any(isinstance(v, str) and re.search(r"\d\d:\d\d", v) for v in screening.values())
    alike = ("day", "moved_at", "status", "current_item", "band", "crisis")
    assert [screenings[mine][k] for k in alike] == [screenings[theirs][k] for k in alike]
    conn = sqlite3.connect(app.config["DATABASE"])
    for table in ("screenings", *TALLIES):
        with pytest.raises(sqlite3.OperationalError):  # no hidden rowid that grows with each insert
            conn.execute(f"SELECT rowid FROM {table}")
    conn.close()

    # 4. No visitor pseudonym or visit spans the screener and the request pages.
    columns, rows = dump["page_views"]
    views = [dict(zip(columns, row)) for row in rows]
    screener_side = {(v["visitor"], v["visit_id"]) for v in views if v["page"].startswith("/screener")}
    request_side = {(v["visitor"], v["visit_id"]) for v in views if v["page"].startswith("/aanmelden")}
    assert screener_side and request_side
    assert not {v for v, _ in screener_side} & {v for v, _ in request_side}
    assert not {i for _, i in screener_side} & {i for _, i in request_side}


def test_the_reports_still_count_requests_per_sector_and_gender(app, clock, db):
    worker = app.test_client()
    screen(worker, clock, FIREFOX, RARE)
    ask_to_be_called(worker, clock, FIREFOX)
    tallies = {(r["dimension"], r["value"]): r["count"] for r in db["request_tallies"].rows if r["day"] == "2026-11-23"}
    assert tallies == {("sector", "childcare"): 1, ("gender", "andere"): 1, ("band", "green"): 1}
    with app.app_context():
        from screener.reports import queries

        assert queries.tally(db, "request_tallies", "sector", "2026-11-01", "2026-11-30") == {"childcare": 1}
        assert queries.tally(db, "screening_tallies", "gender", "2026-11-01", "2026-11-30") == {"andere": 1}


def test_a_request_that_shares_its_results_shows_them_to_the_team(app, clock, db):
    worker = app.test_client()
    screen(worker, clock, FIREFOX, RARE)
    ask_to_be_called(worker, clock, FIREFOX, share_results="1")
    [case] = db["cases"].rows
    assert case["share_results"] == 1 and case["screening_id"] == screening_id_of(worker)
    with app.app_context():
        from screener.screening.queries import current_screening

        shared = current_screening(db, case["screening_id"])
    assert (shared["band"], shared["phq4"], shared["who5"]) == ("green", 0, 88)


def session_payload(client):
    """What anyone with the device reads in the signed session cookie (no key needed)."""
    value = client.get_cookie("zs_session").value
    compressed = value.startswith(".")
    payload = value.lstrip(".").split(".")[0]
    data = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return (zlib.decompress(data) if compressed else data).decode()


def test_the_session_cookie_shows_no_screening_id_and_no_withdrawal_token(app, clock):
    worker = app.test_client()
    screen(worker, clock, FIREFOX, RARE)
    screening_id = screening_id_of(worker)
    assert screening_id not in session_payload(worker) and "childcare" not in session_payload(worker)
    done = ask_to_be_called(worker, clock, FIREFOX)
    token = re.search(r"/aanmelden/intrekken/([\w-]+)", done).group(1)
    readable = session_payload(worker)
    assert screening_id not in readable and token not in readable and "case_id" not in readable
    # The confirmation still survives a reload, and the withdrawal link still works.
    assert token in worker.get("/aanmelden/klaar", headers=FIREFOX).get_data(as_text=True)
    assert worker.get(f"/aanmelden/intrekken/{token}").status_code == 200


def test_old_screenings_and_cases_are_migrated_to_days_and_tallies(tmp_path):
    """A database from before keeps its figures: times become days, profiles become counts."""
    from screener import create_app
    from screener.db import connect
    from screener.migrations import migrate
    from screener.cases import schema as referral_schema
    from screener.screening import schema as screening_schema

    path = tmp_path / "old.db"
    db = connect(path)
    with db.conn:  # the schema as it was: the first step of each set only
        for migrations in (screening_schema.migrations, referral_schema.migrations):
            migrations.apply(db, stop_before=[m.name for m in migrations._migrations[1:]])
    db["screenings"].insert_all([
        {"id": "a", "started_at": "2026-03-02T23:30:00+00:00", "updated_at": "2026-03-02T23:40:00+00:00",
         "completed_at": "2026-03-02T23:40:00+00:00", "status": "completed", "language": "en", "band": "red",
         "gender": "andere", "sector": "childcare", "province": "limburg", "answers": "{}", "crisis": 1},
        {"id": "b", "started_at": "2026-03-02T10:00:00+00:00", "updated_at": "2026-03-02T10:01:00+00:00",
         "status": "in_progress", "language": "nl", "answers": "{}", "crisis": 0},
    ])
    db["cases"].insert({"reference": "ZS-OLD001", "link_token": "t", "status": "new", "created_at": "2026-03-03T09:00:00+00:00",
                        "due_at": "2026-03-04T09:00:00+00:00", "step": 1, "sector": "childcare", "gender": "andere",
                        "screening_id": "a", "share_results": 1})
    migrate(db)
    rows = {r["id"]: r for r in db["screenings"].rows}
    assert rows["a"]["day"] == "2026-03-03" and rows["a"]["moved_at"] is None and rows["a"]["band"] == "red"
    assert rows["b"]["day"] == "2026-03-02" and rows["b"]["moved_at"] == "2026-03-02T10:01:00+00:00"
    assert set(rows["a"]) == {"id", "day", "moved_at", "status", "current_item", "answers", "phq_anxiety",
                              "phq_depression", "phq4", "who5", "band", "crisis"}
    assert {(r["day"], r["dimension"], r["value"], r["count"]) for r in db["screening_tallies"].rows} == {
        ("2026-03-03", "language", "en", 1), ("2026-03-02", "language", "nl", 1), ("2026-03-03", "gender", "andere", 1),
        ("2026-03-03", "sector", "childcare", 1), ("2026-03-03", "province", "limburg", 1)}
    assert {(r["day"], r["dimension"], r["value"]) for r in db["request_tallies"].rows} == {
        ("2026-03-03", "sector", "childcare"), ("2026-03-03", "gender", "andere")}
    [case] = db["cases"].rows
    assert case["screening_id"] == "a" and "sector" not in case  # a shared link survives the new table
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()
    create_app(make_config(tmp_path, DATABASE=str(path)))  # and the app starts on it


def test_the_privacy_page_names_every_cookie_the_site_sets_and_who_sees_a_request(app, clock):
    worker = app.test_client()
    screen(worker, clock, FIREFOX, RARE)
    ask_to_be_called(worker, clock, FIREFOX)
    set_by_the_site = {key[2] for key in worker._cookies}
    assert set_by_the_site == {"zs_session", "zs_eerste"}
    text = " ".join(worker.get("/privacy").get_data(as_text=True).split())
    for name in set_by_the_site:
        assert f"<code>{name}</code>" in text
    assert "staat er versleuteld in" in text
    assert "De coördinatoren van de stuurgroep kunnen elke aanvraag openen, ook je gegevens." in text
    assert "Wie je dossier opent, schrijven we op." in text
    assert "Je aanvraag is niet gekoppeld aan je screener." in text
    assert "Alleen het team van de hulpverlener dat jou contacteert, kan ze lezen." not in text
    # Without visit counting no first-visit cookie is set, and the page does not mention one.
    app.config["VISIT_COUNTING"] = False
    other = app.test_client()
    text = other.get("/privacy", headers=SAFARI).get_data(as_text=True)
    assert "zs_eerste" not in text and not any(key[2] == "zs_eerste" for key in other._cookies)


def test_a_coordinator_opening_any_request_is_written_in_the_audit_log(app, db):
    from helpers import insert_case
    from partners_helpers import sign_in

    case = insert_case(app, "edpb_preventa")  # matched with a team: not in the coordinators' queue
    coordinator = app.test_client()
    user = sign_in(coordinator, app, role="coordinator")
    assert coordinator.get(f"/partners/dossier/{case['link_token']}").status_code == 200
    [entry] = db.execute("SELECT action, user_id FROM audit_log WHERE case_id = ?", [case["id"]]).fetchall()
    assert entry == ("case_viewed", user["id"])
