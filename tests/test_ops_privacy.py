"""Privacy duties: retention moves with the clock, erasure on request, the worker's daily job."""
import json
from datetime import datetime, timedelta, timezone

from helpers import CONTACT, close_case, insert_case, stored_contact
from screener import clock
from screener.ops.retention import aggregate

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=timezone.utc)


def at(days_ago):
    return clock.iso(NOW - timedelta(days=days_ago))


def add_case(app, closed_days_ago=None, parent=None):
    """A request's case made five days before it was closed as supported (still open when not closed); its id."""
    created = NOW - timedelta(days=(closed_days_ago or 0) + 5)
    case = insert_case(app, now=created, parent_case_id=parent, province="limburg")
    if closed_days_ago is not None:
        close_case(app, case["id"], NOW - timedelta(days=closed_days_ago))
    return case["id"]


def add_screening(db, sid, days_ago, status="abandoned", **fields):
    # A screening keeps only its day: no time, no profile (those are counted per day apart).
    row = {"id": sid, "day": at(days_ago)[:10], "status": status, "current_item": "phq2",
           "answers": json.dumps({"phq1": 2}), "phq_anxiety": 3}
    row.update(fields)
    db["screenings"].insert(row)


def run(app, runner, args):
    app.config["CLOCK"] = lambda: NOW
    result = runner.invoke(args=args)
    assert result.exit_code == 0, result.output
    return result.output


def test_contact_details_erased_90_days_after_closing(app, runner, db):
    old = add_case(app, closed_days_ago=91)
    recent = add_case(app, closed_days_ago=89)
    still_open = add_case(app)
    db["outbox"].insert({"message_id": "<1@zs>", "kind": "confirmation", "case_id": old, "to_addr": "fernet-token",
                         "to_encrypted": 1, "subject": "Bevestiging", "body_text": "x", "created_at": at(95),
                         "next_attempt_at": at(95), "status": "sent"})
    output = run(app, runner, ["retention", "run"])
    assert "contacts_erased 1" in output
    erased = db["cases"].get(old)
    assert erased["contact_encrypted"] is None and erased["contact_erased_at"] == clock.iso(NOW)
    assert db["outbox"].get(1)["to_addr"] == ""
    assert stored_contact(app, recent) == CONTACT
    assert stored_contact(app, still_open) == CONTACT
    # Statistics stay: the case row keeps its province and dates.
    assert erased["province"] == "limburg" and erased["closed_at"] == at(91)


def test_retention_period_is_configurable(app, runner, db):
    case = add_case(app, closed_days_ago=20)
    app.config["RETENTION_CONTACT_DAYS"] = 14
    run(app, runner, ["retention", "run"])
    assert db["cases"].get(case)["contact_encrypted"] is None


def test_abandoned_screenings_become_aggregates_and_counts_stay(app, runner, db):
    add_screening(db, "old-a", 31)
    add_screening(db, "old-b", 31)
    add_screening(db, "old-running", 40, status="in_progress", crisis=1)
    add_screening(db, "fresh", 29)
    add_screening(db, "done", 60, status="completed", band="green")
    before = {s: db.execute("SELECT count(*) FROM screenings WHERE status != 'x'").fetchone()[0] for s in ["all"]}
    output = run(app, runner, ["retention", "run"])
    assert "screenings_reduced 3" in output
    assert db.execute("SELECT count(*) FROM screenings").fetchone()[0] == before["all"]
    stripped = db["screenings"].get("old-a")
    assert stripped["answers"] == "{}" and stripped["crisis"] == 0
    assert stripped["phq_anxiety"] is None and stripped["current_item"] == "phq2"
    assert stripped["status"] == "abandoned" and stripped["day"] == at(31)[:10]
    assert db["screenings"].get("old-running")["status"] == "abandoned"
    assert db["screenings"].get("fresh")["phq_anxiety"] == 3
    assert db["screenings"].get("done")["answers"] != "{}"  # completed runs are not touched
    rows = list(db["screening_aggregates"].rows)
    by_crisis = {(r["stopped_at_item"], r["crisis"]): r["count"] for r in rows}
    assert by_crisis == {("phq2", 0): 2, ("phq2", 1): 1}
    assert {r["day"] for r in rows} == {at(31)[:10], at(40)[:10]}
    # A second run adds nothing: the details are gone, the counts are not doubled.
    run(app, runner, ["retention", "run"])
    assert sum(r["count"] for r in db["screening_aggregates"].rows) == 3


def test_audit_log_kept_longer_then_pruned(app, runner, db):
    for days in (100, 729, 731):
        db["audit_log"].insert({"at": at(days), "action": "case_viewed", "case_id": 1})
    run(app, runner, ["retention", "run"])
    assert sorted(r["at"] for r in db["audit_log"].rows) == sorted([at(100), at(729)])


def test_the_worker_runs_retention(app, runner, db):
    case = add_case(app, closed_days_ago=120)
    output = run(app, runner, ["worker", "--once"])
    assert "retention" in output
    assert db["cases"].get(case)["contact_encrypted"] is None


def test_clock_decides_what_is_old(app, runner, db):
    case = add_case(app, closed_days_ago=0)
    run(app, runner, ["retention", "run"])
    assert db["cases"].get(case)["contact_encrypted"] is not None
    app.config["CLOCK"] = lambda: NOW + timedelta(days=91)
    assert runner.invoke(args=["retention", "run"]).exit_code == 0
    assert db["cases"].get(case)["contact_encrypted"] is None


def test_erase_on_request_covers_every_linked_case(app, runner, db):
    first = add_case(app, closed_days_ago=3)
    referred = add_case(app, parent=first)
    other = add_case(app)
    db["outbox"].insert({"message_id": "<2@zs>", "kind": "confirmation", "case_id": referred,
                         "to_addr": "fernet-token", "to_encrypted": 1, "subject": "Bevestiging", "body_text": "x",
                         "created_at": at(0), "next_attempt_at": at(0), "status": "pending"})
    reference = db["cases"].get(referred)["reference"]
    output = run(app, runner, ["erase", f" {reference.lower()} "])
    assert reference in output and "2 linked" in output
    for case_id in (first, referred):
        row = db["cases"].get(case_id)
        assert row["contact_encrypted"] is None and row["contact_erased_at"] == clock.iso(NOW)
        assert row["status"] == "closed"
    assert db["cases"].get(referred)["outcome"] == "withdrawn"
    assert db["cases"].get(first)["outcome"] == "supported"  # an already closed case keeps its outcome
    assert stored_contact(app, other) == CONTACT
    message = db["outbox"].get(1)
    assert message["status"] == "cancelled" and message["to_addr"] == ""
    audit = list(db["audit_log"].rows_where("action = 'erased_on_request'"))
    assert len(audit) == 1 and audit[0]["case_id"] == referred
    assert json.loads(audit[0]["detail"]) == {"source": "cli", "cases": [first, referred]}
    events = list(db["case_events"].rows_where("case_id = ?", [referred]))
    assert [e["kind"] for e in events] == ["created", "withdrawn"]


def test_erase_unknown_reference_fails_clearly(app, runner, db):
    result = runner.invoke(args=["erase", "ZS-NOPE99"])
    assert result.exit_code == 1 and "No case with reference ZS-NOPE99" in result.output


def test_aggregate_counts_per_combination():
    rows = aggregate([
        {"day": "2026-10-01", "current_item": "who1", "crisis": 0},
        {"day": "2026-10-01", "current_item": "who1", "crisis": 0},
        {"day": "2026-10-02", "current_item": "who1", "crisis": 0},
    ])
    assert [(r["day"], r["count"]) for r in rows] == [("2026-10-01", 2), ("2026-10-02", 1)]


def test_the_request_form_and_retention_use_the_same_period(tmp_path):
    from screener import create_app

    from helpers import make_config

    app = create_app(make_config(tmp_path, RETENTION_CONTACT_DAYS=45))
    assert app.config["CONTACT_RETENTION_DAYS"] == 45
    app = create_app(make_config(tmp_path, CONTACT_RETENTION_DAYS=30))
    assert app.config["RETENTION_CONTACT_DAYS"] == 30


def test_a_feature_whose_clean_up_fails_holds_back_nothing_else(app, runner, db, monkeypatch):
    from screener.ops import privacy

    old = add_case(app, closed_days_ago=91)

    def broken(db, now):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(privacy.stories, "forget_old_words", broken)
    app.config["CLOCK"] = lambda: NOW
    result = runner.invoke(args=["retention", "run"])
    assert result.exit_code == 1 and "story_texts_erased failed" in result.output
    assert "contacts_erased 1" in result.output and "webinar_questions_erased 0" in result.output
    assert db["cases"].get(old)["contact_encrypted"] is None
