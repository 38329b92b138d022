"""The SLA clock: one reminder halfway (in working time), one escalation at the deadline, each exactly once."""
import threading
from datetime import datetime, timezone

import pytest

from helpers import insert_case, make_config, smtp_config
from partners_helpers import create_user
from screener import create_app
from screener.cases import clockjob
from screener.worker import run_due_jobs


def utc(day, hour, minute=0):
    """A November 2026 moment given in Brussels time (UTC+1)."""
    return datetime(2026, 11, day, hour - 1, minute, tzinfo=timezone.utc)


@pytest.fixture
def app_config(tmp_path, clock):
    return make_config(tmp_path, CLOCK=clock, COORDINATOR_EMAILS=["stuurgroep@zorgsamen.example"])


def run_clock(app):
    with app.app_context():
        return clockjob.run(app)


def outbox(db, kind):
    return db.execute("SELECT to_addr, subject, body_text, case_id FROM outbox WHERE kind = ? ORDER BY id", [kind]).fetchall()


def test_reminder_halfway_in_working_time_and_only_once(app, db, clock):
    # Preventa works 8-17; three working days from Monday 10:00 is Thursday 10:00: 27 working hours.
    case = insert_case(app, "edpb_preventa")
    assert case["due_at"] == utc(26, 10).isoformat()
    clock.now = utc(24, 14, 29)  # 13 h 29 min of working time later
    assert run_clock(app) == (0, 0)
    clock.now = utc(24, 14, 30)  # halfway: 13 h 30 min
    assert run_clock(app) == (1, 0)
    assert run_clock(app) == (0, 0)
    mails = outbox(db, "reminder")
    assert len(mails) == 1 and mails[0][0] == "aanmeldingen@preventa.example"
    # A later e-mail names the case by its reference: only the link token's hash is stored.
    assert case["reference"] in mails[0][1] and f"/partners/dossier/{case['reference']}" in mails[0][2]
    assert "Sam" not in mails[0][2] and "470" not in mails[0][2]  # no personal data in e-mails
    kinds = [r[0] for r in db.execute("SELECT kind FROM case_events WHERE case_id = ?", [case["id"]])]
    assert kinds.count("reminder") == 1


def test_no_reminder_over_the_weekend_for_a_friday_evening_request(app, db, clock):
    case = insert_case(app, "edpb_preventa", now=utc(20, 16))  # Friday 16:00: 1 h left that day
    assert case["due_at"] == utc(25, 16).isoformat()  # Wednesday 16:00
    for moment in [utc(21, 12), utc(22, 23), utc(23, 16, 59)]:  # Saturday, Sunday, Monday
        clock.now = moment
        assert run_clock(app) == (0, 0), moment
    clock.now = utc(24, 11, 30)  # Tuesday 11:30: 1 + 9 + 3.5 = 13.5 working hours
    assert run_clock(app) == (1, 0)


def test_claimed_case_gets_no_reminder(app, db, clock):
    case = insert_case(app, "edpb_preventa")
    db.execute("UPDATE cases SET status = 'claimed' WHERE id = ?", [case["id"]])
    db.conn.commit()
    clock.now = utc(25, 12)
    assert run_clock(app) == (0, 0)


def test_escalation_at_the_deadline_to_coordinators_once_across_restarts(app, db, clock, app_config):
    create_user(app, email="coordinator@stuurgroep.example", role="coordinator")
    case = insert_case(app, "edpb_preventa")
    db.execute("UPDATE cases SET status = 'claimed' WHERE id = ?", [case["id"]])  # claimed, but nobody called
    db.conn.commit()
    clock.now = utc(26, 9, 59)
    assert run_clock(app) == (0, 0)
    clock.now = utc(26, 10)
    assert run_clock(app) == (0, 1)
    recipients = sorted(r[0] for r in outbox(db, "escalation"))
    assert recipients == ["coordinator@stuurgroep.example", "stuurgroep@zorgsamen.example"]
    # A restarted worker (a new app on the same database) does not send it again.
    restarted = create_app(app_config)
    assert run_clock(restarted) == (0, 0)
    assert len(outbox(db, "escalation")) == 2


def test_first_contact_in_time_means_no_escalation(app, db, clock):
    case = insert_case(app, "edpb_preventa")
    db.execute("UPDATE cases SET status = 'contacted', first_contact_at = ? WHERE id = ?", [utc(24, 9).isoformat(), case["id"]])
    db.conn.commit()
    clock.now = utc(30, 10)
    assert run_clock(app) == (0, 0)


def test_unrouted_overdue_case_is_escalated_too(app, db, clock):
    insert_case(app, None, step=1)
    clock.now = utc(30, 10)
    assert run_clock(app) == (0, 1)
    assert "geen organisatie" in outbox(db, "escalation")[0][2]


def test_several_workers_at_once_send_each_message_once(app, db, clock, app_config):
    cases = [insert_case(app, "edpb_preventa") for _ in range(5)]
    clock.now = utc(26, 10)  # reminder and escalation both due
    apps = [create_app(app_config) for _ in range(4)]
    barrier = threading.Barrier(len(apps))
    errors = []

    def work(worker_app):
        try:
            barrier.wait()
            run_clock(worker_app)
        except Exception as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(outbox(db, "reminder")) == 5 and len(outbox(db, "escalation")) == 5
    assert sorted(r[3] for r in outbox(db, "reminder")) == sorted(c["id"] for c in cases)


@pytest.fixture
def smtp_app(tmp_path, clock, smtp_server):
    return create_app(make_config(tmp_path, CLOCK=clock, **smtp_config(smtp_server)))


def test_the_worker_loop_delivers_the_reminder_over_smtp(smtp_app, smtp_server, clock):
    case = insert_case(smtp_app, "edpb_preventa")
    clock.now = utc(24, 15)
    run_due_jobs(smtp_app, {})  # sla_clock queues, the outbox job sends
    run_due_jobs(smtp_app, {})
    messages = [m for m in smtp_server.wait_for(1) if case["reference"] in m.content.decode(errors="replace")]
    reminders = [m for m in messages if "Herinnering" in m.content.decode(errors="replace")]
    assert len(reminders) == 1 and reminders[0].rcpt_tos == ["aanmeldingen@preventa.example"]
