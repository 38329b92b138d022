"""Every SQL statement of the ops feature: health, retention, erasure on request."""
import json

ERASED_ADDRESS = ""  # what a worker's encrypted e-mail address in the outbox becomes once erased


def table_exists(db, name):
    return db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).fetchone() is not None


# --- health --------------------------------------------------------------------------------

def database_answers(db):
    """True when the schema can be read (the file is there and not corrupt at its root)."""
    return db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def outbox_backlog(db):
    """(messages waiting, created_at of the oldest waiting one, messages given up on)."""
    waiting, oldest = db.execute(
        "SELECT count(*), min(created_at) FROM outbox WHERE status IN ('pending', 'sending')").fetchone()
    dead = db.execute("SELECT count(*) FROM outbox WHERE status = 'dead'").fetchone()[0]
    return waiting, oldest, dead


# --- demo data --------------------------------------------------------------------------

def accounts_with_domain(db, domain):
    """E-mail addresses of the accounts under `domain` (e.g. the demo accounts)."""
    if not table_exists(db, "users"):
        return []
    return [r[0] for r in db.execute("SELECT email FROM users WHERE lower(email) LIKE ? ORDER BY email",
                                     ["%@" + domain.lower()])]


def second_factor_secrets(db):
    """(e-mail, encrypted TOTP secret) of every account that has one."""
    if not table_exists(db, "users"):
        return []
    return db.execute("SELECT email, totp_secret_encrypted FROM users WHERE totp_secret_encrypted IS NOT NULL"
                      " ORDER BY email").fetchall()


# --- retention -----------------------------------------------------------------------------

_ABANDONED = "status IN ('in_progress', 'abandoned') AND updated_at < :cutoff"
_HAS_DETAILS = ("(answers != '{}' OR phq_anxiety IS NOT NULL OR phq_depression IS NOT NULL OR phq4 IS NOT NULL"
                " OR who5 IS NOT NULL OR gender IS NOT NULL OR sector IS NOT NULL OR province IS NOT NULL"
                " OR crisis != 0)")


def abandoned_with_details(db, cutoff):
    """Abandoned (or never finished) screenings last touched before `cutoff` that still hold details."""
    rows = db.execute(
        f"SELECT id, started_at, current_item, band, gender, sector, province, language, crisis"
        f" FROM screenings WHERE {_ABANDONED} AND {_HAS_DETAILS} ORDER BY id", {"cutoff": cutoff})
    columns = [c[0] for c in rows.description]
    return [dict(zip(columns, r)) for r in rows.fetchall()]


def add_aggregates(db, rows):
    for row in rows:
        db.execute(
            "INSERT INTO screening_aggregates (day, status, stopped_at_item, band, gender, sector, province,"
            " language, crisis, count) VALUES (:day, :status, :stopped_at_item, :band, :gender, :sector,"
            " :province, :language, :crisis, :count)", row)


def strip_screenings(db, ids):
    """Keep each row (so counts per day, status and drop-out item stay), drop answers and optional fields."""
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(
            "UPDATE screenings SET status = 'abandoned', answers = '{}', phq_anxiety = NULL,"
            " phq_depression = NULL, phq4 = NULL, who5 = NULL, gender = NULL, sector = NULL,"
            f" province = NULL, crisis = 0 WHERE id IN ({marks})", chunk)


def mark_abandoned(db, cutoff):
    """Runs left in progress before `cutoff` will never be finished: call them abandoned."""
    return db.execute("UPDATE screenings SET status = 'abandoned' WHERE status = 'in_progress'"
                      " AND updated_at < ?", [cutoff]).rowcount


def cases_closed_before(db, cutoff):
    """Ids of closed cases whose contact details are still stored and whose closing is older than `cutoff`."""
    return [r[0] for r in db.execute(
        "SELECT id FROM cases WHERE contact_encrypted IS NOT NULL AND closed_at IS NOT NULL AND closed_at < ?",
        [cutoff])]


def erase_contacts(db, case_ids, at):
    """Erase the contact details of `case_ids`, and the worker's own address in their e-mails."""
    for case_id in case_ids:
        db.execute("UPDATE cases SET contact_encrypted = NULL, contact_erased_at = ? WHERE id = ?", [at, case_id])
        if table_exists(db, "outbox"):
            # A message to the worker that was not sent yet can no longer be sent: it has no address.
            # Its text goes too: a worker's confirmation carries the secret withdrawal link.
            db.execute("UPDATE outbox SET to_addr = ?, body_text = '', body_html = NULL,"
                       " status = CASE WHEN status IN ('pending', 'sending')"
                       " THEN 'dead' ELSE status END, last_error = CASE WHEN status IN ('pending', 'sending')"
                       " THEN 'erased' ELSE last_error END WHERE case_id = ? AND to_encrypted = 1",
                       [ERASED_ADDRESS, case_id])


def prune_audit(db, cutoff):
    """Delete audit entries older than `cutoff`; 0 when the audit log does not exist (yet)."""
    if not table_exists(db, "audit_log"):
        return 0
    return db.execute("DELETE FROM audit_log WHERE at < ?", [cutoff]).rowcount


# --- erasure on request --------------------------------------------------------------------

def case_by_reference(db, reference):
    row = db.execute("SELECT id, status FROM cases WHERE reference = ?", [reference]).fetchone()
    return {"id": row[0], "status": row[1]} if row else None


def linked_cases(db, case_id):
    """The case and every case referred from or to it (one worker's whole path through the steps)."""
    root = case_id
    while True:
        parent = db.execute("SELECT parent_case_id FROM cases WHERE id = ?", [root]).fetchone()
        if not parent or parent[0] is None:
            break
        root = parent[0]
    found, todo = [], [root]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(r[0] for r in db.execute("SELECT id FROM cases WHERE parent_case_id = ?", [current]))
    return sorted(found)


def close_as_withdrawn(db, case_ids, at):
    """Close the open ones among `case_ids`: nobody can contact the worker any more."""
    for case_id in case_ids:
        changed = db.execute("UPDATE cases SET status = 'closed', outcome = 'withdrawn', closed_at = ?"
                             " WHERE id = ? AND status != 'closed'", [at, case_id]).rowcount
        if changed:
            db.execute("INSERT INTO case_events (case_id, at, kind, detail) VALUES (?, ?, 'withdrawn', ?)",
                       [case_id, at, json.dumps({"reason": "erased_on_request"})])


def add_audit(db, at, action, case_id, user_id=None, detail=None):
    """An audit entry, when the audit log exists. Returns True when written."""
    if not table_exists(db, "audit_log"):
        return False
    db.execute("INSERT INTO audit_log (at, user_id, action, case_id, detail) VALUES (?, ?, ?, ?, ?)",
               [at, user_id, action, case_id, json.dumps(detail or {})])
    return True
