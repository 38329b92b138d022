"""All SQL of contact requests: cases, their events, the screening they came from."""
import json


def insert_case(db, fields):
    """Insert one case row; returns its id."""
    columns = ", ".join(fields)
    marks = ", ".join("?" for _ in fields)
    return db.execute(f"INSERT INTO cases ({columns}) VALUES ({marks})", list(fields.values())).lastrowid


def insert_event(db, case_id, kind, at, detail=None, user_id=None):
    """Append one event to a case's history (detail never holds contact details)."""
    db.execute(
        "INSERT INTO case_events (case_id, at, user_id, kind, detail) VALUES (?, ?, ?, ?, ?)",
        [case_id, at, user_id, kind, json.dumps(detail) if detail is not None else None],
    )


def get_case(db, case_id):
    """One case as a dict, or None."""
    rows = list(db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
    return rows[0] if rows else None


def case_by_withdraw_hash(db, token_hash):
    """The case whose withdrawal token has this hash, or None."""
    rows = list(db.query("SELECT * FROM cases WHERE withdraw_token_hash = ?", [token_hash]))
    return rows[0] if rows else None


def reference_exists(db, reference):
    """True when a case already has this reference."""
    return db.execute("SELECT 1 FROM cases WHERE reference = ?", [reference]).fetchone() is not None


def open_case_counts(db):
    """{provider_id: number of cases not yet closed}."""
    return dict(db.execute(
        "SELECT provider_id, COUNT(*) FROM cases WHERE status != 'closed' AND provider_id IS NOT NULL GROUP BY provider_id"
    ).fetchall())


def mark_withdrawn(db, case_id, at):
    """Close a case as withdrawn and erase its contact details."""
    db.execute(
        "UPDATE cases SET status = 'closed', outcome = 'withdrawn', closed_at = ?, contact_encrypted = NULL,"
        " contact_erased_at = ? WHERE id = ?", [at, at, case_id])


def cancel_personal_mail(db, case_id):
    """Drop unsent e-mails to the worker's own address for a case; erase the address and text of all of them."""
    db.execute(
        "UPDATE outbox SET status = CASE WHEN status IN ('pending', 'sending') THEN 'cancelled' ELSE status END,"
        " to_addr = '', to_encrypted = 0, body_text = '', body_html = NULL, lease_until = NULL"
        " WHERE case_id = ? AND to_encrypted = 1", [case_id])


def case_chain(db, case_id):
    """Every case of one request: the first case, and all cases referred on from it, as dicts."""
    return list(db.query(
        "WITH RECURSIVE up(id, parent) AS (SELECT id, parent_case_id FROM cases WHERE id = ?"
        " UNION SELECT c.id, c.parent_case_id FROM cases c JOIN up ON c.id = up.parent),"
        " down(id) AS (SELECT id FROM up WHERE parent IS NULL"
        " UNION SELECT c.id FROM cases c JOIN down ON c.parent_case_id = down.id)"
        " SELECT * FROM cases WHERE id IN (SELECT id FROM down) ORDER BY id", [case_id]))


def erase_contact(db, case_id, at):
    """Erase a case's contact details (keeps the anonymous rest for the reports)."""
    db.execute("UPDATE cases SET contact_encrypted = NULL, contact_erased_at = COALESCE(contact_erased_at, ?)"
               " WHERE id = ?", [at, case_id])
