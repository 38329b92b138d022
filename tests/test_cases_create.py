"""Creating a case and queueing its e-mails: one transaction, no personal data in e-mails."""
import json
from datetime import datetime, timezone

import pytest

from helpers import rotate_keys
from screener import crypto
from screener.db import get_db, immediate
from screener.mail.outbox import enqueue, recipient
from screener.mail.render import render_email
from screener.cases import queries
from screener.cases.create import REFERENCE_ALPHABET, create_case, new_reference, notify_new_case
from screener.tokens import new_token as new_link_token

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)  # Monday 11:00 in Brussels
CONTACT = {"name": "Sofie", "phone": "+32470123456", "email": "sofie@voorbeeld.be"}


def make_case(app, **fields):
    defaults = dict(choice="region", step=2, provider_id="elp_limburg", province="limburg", contact=CONTACT, now=NOW)
    with app.app_context():
        db = get_db()
        with immediate(db):
            case = create_case(db, **{**defaults, **fields})
            outbox_ids = notify_new_case(db, case, NOW)
    return case, outbox_ids


def test_reference_is_short_readable_and_unique(app):
    refs = {new_reference() for _ in range(500)}
    assert len(refs) == 500
    for ref in refs:
        assert ref.startswith("ZS-") and len(ref) == 9
        assert set(ref[3:]) <= set(REFERENCE_ALPHABET) and not set(ref[3:]) & set("01OIL")
    tokens = {new_link_token() for _ in range(100)}
    assert len(tokens) == 100 and all(len(t) >= 43 for t in tokens)  # 256 bits, URL-safe


def test_create_case_stores_contact_encrypted_and_a_created_event(app, db):
    case, _ = make_case(app, urgent=True, province="limburg")
    row = db["cases"].get(case["id"])
    assert "Sofie" not in row["contact_encrypted"] and "+32470123456" not in row["contact_encrypted"]
    with app.app_context():
        assert crypto.decrypt(row["contact_encrypted"]) == CONTACT
    assert row["status"] == "new" and row["step"] == 2 and row["urgent"] == 1
    assert row["due_at"] == "2026-11-24T10:00:00+00:00"  # one working day (urgent)
    [event] = db["case_events"].rows_where("case_id = ?", [case["id"]])
    assert event["kind"] == "created" and json.loads(event["detail"])["provider_id"] == "elp_limburg"
    assert "Sofie" not in event["detail"]


def test_team_email_has_reference_step_deadline_and_link_but_no_personal_data(app, db):
    case, outbox_ids = make_case(app)
    rows = list(db["outbox"].rows_where("case_id = ?", [case["id"]]))
    assert [r["id"] for r in rows] == outbox_ids
    [row] = rows
    assert row["to_addr"] == "aanmelden@elp-limburg.example" and row["to_encrypted"] == 0
    assert row["status"] == "pending" and row["kind"] == "new_case"
    link = f"http://127.0.0.1/partners/dossier/{case['link_token']}"
    for body in (row["subject"], row["body_text"], row["body_html"]):
        assert case["reference"] in body
        for secret in ("Sofie", "470123456", "sofie@voorbeeld.be"):
            assert secret not in body
    assert link in row["body_text"] and f'href="{link}"' in row["body_html"]
    assert "Trap: 2" in row["body_text"] and "donderdag 26 november 2026 11:00" in row["body_text"]


def test_team_email_is_in_the_provider_language(app, db):
    case, _ = make_case(app, provider_id="elp_brussel", province="brussel")
    rows = list(db["outbox"].rows_where("case_id = ?", [case["id"]]))
    assert sorted(r["to_addr"] for r in rows) == ["aanmelden@elp-brussel.example", "intake@elp-brussel.example"]
    assert 'lang="en"' in rows[0]["body_html"]


def test_no_provider_alerts_the_coordinators(app, db):
    app.config["COORDINATOR_EMAILS"] = ["een@stuurgroep.example", "twee@stuurgroep.example"]
    case, _ = make_case(app, provider_id=None, province=None)
    rows = list(db["outbox"].rows_where("case_id = ?", [case["id"]]))
    assert sorted(r["to_addr"] for r in rows) == ["een@stuurgroep.example", "twee@stuurgroep.example"]
    assert all(r["kind"] == "unmatched_case" and case["reference"] in r["subject"] for r in rows)


def test_a_failure_inside_the_transaction_leaves_nothing_half_written(app, db):
    with app.app_context():
        database = get_db()
        with pytest.raises(RuntimeError):
            with immediate(database):
                case = create_case(database, choice="auto", step=2, provider_id="elp_limburg", contact=CONTACT, now=NOW)
                notify_new_case(database, case, NOW)
                raise RuntimeError("stop before commit")
    assert db["cases"].count == 0 and db["case_events"].count == 0 and db["outbox"].count == 0


def test_personal_address_is_encrypted_and_survives_key_rotation(app, db, runner):
    with app.app_context():
        database = get_db()
        with immediate(database):
            personal = enqueue(database, kind="confirmation", to="sofie@voorbeeld.be", subject="s", text="t", personal=True, now=NOW)
            team = enqueue(database, kind="new_case", to="team@x.example", subject="s", text="t", now=NOW)
    assert "sofie" not in db["outbox"].get(personal)["to_addr"]
    opens_with_the_new_key_only = rotate_keys(app, runner)
    after = db["outbox"].get(personal)
    assert db["outbox"].get(team)["to_addr"] == "team@x.example"
    opens_with_the_new_key_only(after["to_addr"], "sofie@voorbeeld.be")
    with app.app_context():
        assert recipient(after) == "sofie@voorbeeld.be"


def test_after_a_key_rotation_the_running_site_encrypts_with_the_new_key(app, runner):
    with app.app_context():
        before = crypto.encrypt("voor")  # the site has read its keys
    opens_with_the_new_key_only = rotate_keys(app, runner)  # as from another process
    with app.app_context():
        after = crypto.encrypt("na")
        assert crypto.decrypt(after) == "na" and crypto.decrypt(before) == "voor"
    opens_with_the_new_key_only(after, "na")


def test_render_email_gives_subject_text_and_html(app):
    with app.app_context(), app.test_request_context():
        case = {"reference": "ZS-ABCDEF", "step": 1, "urgent": 0}
        subject, text, html = render_email("new_case", language="nl", case=case, provider=type("P", (), {"name": "X", "language": "nl"}),
                                           link="http://x/partners/dossier/t", due="morgen")
    assert subject == "Nieuwe aanmelding ZS-ABCDEF (trap 1): contact voor morgen"
    assert "ZS-ABCDEF" in text and "<html" in html and "\n" not in subject


def test_open_case_counts(app, db):
    make_case(app)
    make_case(app)
    make_case(app, provider_id="elp_antwerpen", province="antwerpen")
    with app.app_context():
        assert queries.open_case_counts(get_db()) == {"elp_limburg": 2, "elp_antwerpen": 1}
