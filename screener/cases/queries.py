"""All SQL on cases and case_events: the only module that writes them."""
import json

from .. import clock


def insert_case(db, fields):
    """Insert one case row; returns its id."""
    columns = ", ".join(fields)
    marks = ", ".join("?" for _ in fields)
    return db.execute(f"INSERT INTO cases ({columns}) VALUES ({marks})", list(fields.values())).lastrowid


def add_event(db, *, case_id, kind, now, user_id=None, **detail):
    """Append one entry to a case's history (detail never holds contact details)."""
    db["case_events"].insert({"case_id": case_id, "at": clock.iso(now), "user_id": user_id, "kind": kind,
                              "detail": json.dumps(detail, sort_keys=True) if detail else None})


def get_case(db, case_id):
    """One case as a dict, or None."""
    rows = list(db.query("SELECT * FROM cases WHERE id = ?", [case_id]))
    return rows[0] if rows else None


def case_by_withdraw_hash(db, token_hash):
    """The case whose withdrawal token has this hash, or None."""
    rows = list(db.query("SELECT * FROM cases WHERE withdraw_token_hash = ?", [token_hash]))
    return rows[0] if rows else None


def case_by_reference(db, reference):
    """The case with this reference code, or None."""
    rows = list(db.query("SELECT * FROM cases WHERE reference = ?", [reference]))
    return rows[0] if rows else None


def reference_exists(db, reference):
    """True when a case already has this reference."""
    return db.execute("SELECT 1 FROM cases WHERE reference = ?", [reference]).fetchone() is not None


def open_case_counts(db):
    """{provider_id: number of cases not yet closed}."""
    return dict(db.execute(
        "SELECT provider_id, COUNT(*) FROM cases WHERE status != 'closed' AND provider_id IS NOT NULL GROUP BY provider_id"
    ).fetchall())


def close_as_withdrawn(db, case_id, at):
    """Close an open case as withdrawn; False when it was closed already."""
    return db.execute("UPDATE cases SET status = 'closed', outcome = 'withdrawn', closed_at = ?"
                      " WHERE id = ? AND status != 'closed'", [at, case_id]).rowcount == 1


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
    db.execute("UPDATE cases SET contact_encrypted = NULL, handover_encrypted = NULL,"
               " contact_erased_at = COALESCE(contact_erased_at, ?) WHERE id = ?", [at, case_id])


def cases_closed_before(db, cutoff):
    """Ids of closed cases whose contact details are still stored and whose closing is older than `cutoff`."""
    return [r[0] for r in db.execute(
        "SELECT id FROM cases WHERE (contact_encrypted IS NOT NULL OR handover_encrypted IS NOT NULL)"
        " AND closed_at IS NOT NULL AND closed_at < ?",
        [cutoff])]


# --- the case list and the case page ---------------------------------------------------------

CASE_COLUMNS = ("c.id, c.reference, c.status, c.outcome, c.step, c.provider_id, c.urgent, "
                "c.created_at, c.due_at, c.claimed_at, c.first_contact_at, c.closed_at, c.assigned_user_id, "
                "c.parent_case_id, c.reminder_sent_at, c.escalated_at, u.email AS assigned_email")

# Open, no first contact, past the deadline: transitions.is_overdue in SQL over `c` (`:now`: the current ISO time).
OVERDUE = "(c.status != 'closed' AND c.first_contact_at IS NULL AND c.due_at <= :now)"

# The case list's filters, as SQL conditions over `c`.
STATUS_FILTERS = {
    "open": "c.status != 'closed'",
    "new": "c.status = 'new'",
    "claimed": "c.status = 'claimed'",
    "contacted": "c.status = 'contacted'",
    "overdue": OVERDUE,
    "closed": "c.status = 'closed'",
}


def _scope(org_id):
    # org_id None: a coordinator, who sees every case.
    return ("1 = 1", {}) if org_id is None else ("c.provider_id = :org", {"org": org_id})


def list_cases(db, *, org_id, status, now_iso, unrouted_only=False, limit=500):
    """The cases in scope for one filter: overdue first, then by due time."""
    scope, params = _scope(org_id)
    where = [scope, STATUS_FILTERS[status]]
    if unrouted_only:
        where.append("c.provider_id IS NULL")
    order = "c.closed_at DESC" if status == "closed" else f"{OVERDUE} DESC, c.due_at"
    sql = (f"SELECT {CASE_COLUMNS}, {OVERDUE} AS overdue FROM cases c LEFT JOIN users u ON u.id = c.assigned_user_id "
           f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {int(limit)}")
    return list(db.query(sql, {**params, "now": now_iso}))


def count_cases(db, *, org_id, now_iso):
    """How many cases in scope per filter, for the navigation; `unrouted` counts the coordinators' queue."""
    scope, params = _scope(org_id)
    sums = ", ".join(f"coalesce(sum({cond}), 0) AS {name}" for name, cond in STATUS_FILTERS.items())
    row = next(db.query(f"SELECT {sums}, coalesce(sum(c.provider_id IS NULL AND c.status != 'closed'), 0) AS unrouted "
                        f"FROM cases c WHERE {scope}", {**params, "now": now_iso}))
    return dict(row)


def has_cases(db):
    """True when any case is stored."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM cases)").fetchone()[0] == 1


def case_by_token(db, token):
    """The full case row behind a case link (an e-mailed link token, stored as its hash, or a reference), or None."""
    from ..tokens import hash_token

    rows = list(db.query("SELECT * FROM cases WHERE link_token_hash = ? OR reference = ?", [hash_token(token), token]))
    return rows[0] if rows else None


def update_case(db, case_id, expected_status, updates):
    """Apply updates only if the case still has `expected_status`; False when someone was first."""
    sets = ", ".join(f"{column} = :{column}" for column in updates)
    cursor = db.execute(f"UPDATE cases SET {sets} WHERE id = :case_id AND status = :expected",
                        {**updates, "case_id": case_id, "expected": expected_status})
    return cursor.rowcount == 1


def case_events(db, case_id):
    """A case's history, oldest first, with the account's e-mail."""
    return list(db.query(
        "SELECT e.*, u.email FROM case_events e LEFT JOIN users u ON u.id = e.user_id "
        "WHERE e.case_id = ? ORDER BY e.at, e.id", [case_id]))


def attempts(db, case_id):
    """A case's contact attempts, oldest first: [{at, channel, reached}]."""
    return list(db.query(
        "SELECT at, json_extract(detail, '$.channel') AS channel, json_extract(detail, '$.reached') AS reached"
        " FROM case_events WHERE case_id = ? AND kind = 'attempt' ORDER BY at, id", [case_id]))


def unreached_attempts(db, case_id):
    """How many contact attempts did not reach the worker."""
    return next(db.query(
        "SELECT count(*) AS n FROM case_events WHERE case_id = ? AND kind = 'attempt' "
        "AND json_extract(detail, '$.reached') = 0", [case_id]))["n"]


def first_contact_noted_at(db, case_id):
    """When the case's latest first contact was written down (ISO), or None."""
    row = db.execute("SELECT at FROM case_events WHERE case_id = ? AND kind = 'first_contact' ORDER BY at DESC, id DESC"
                     " LIMIT 1", [case_id]).fetchone()
    return row[0] if row else None


def set_provider(db, case_id, provider_id, step, due_at_iso=None):
    """Route an unrouted case to a provider (coordinators' queue); False when it was routed already."""
    updates = "provider_id = ?, step = ?" + (", due_at = ?" if due_at_iso else "")
    params = [provider_id, step] + ([due_at_iso] if due_at_iso else []) + [case_id]
    cursor = db.execute(f"UPDATE cases SET {updates} WHERE id = ? AND provider_id IS NULL AND status != 'closed'", params)
    return cursor.rowcount == 1


def move_withdraw_hash(db, case_id):
    """The referred case gives its withdrawal token to the new case (create_case copied it)."""
    db.execute("UPDATE cases SET withdraw_token_hash = NULL WHERE id = ?", [case_id])


# --- the SLA clock ------------------------------------------------------------------------


def cases_awaiting_reminder(db):
    """Open, unclaimed cases of a provider that did not get their reminder yet."""
    return list(db.query("SELECT * FROM cases WHERE status = 'new' AND provider_id IS NOT NULL "
                         "AND reminder_sent_at IS NULL"))


def cases_past_deadline(db, now_iso):
    """Open cases past their deadline without first contact and not yet escalated."""
    return list(db.query("SELECT * FROM cases WHERE status != 'closed' AND first_contact_at IS NULL "
                         "AND escalated_at IS NULL AND due_at <= ?", [now_iso]))


def mark_reminded(db, case_id, now_iso):
    """Set reminder_sent_at once, while the case is still new; False when another worker did it first."""
    cursor = db.execute("UPDATE cases SET reminder_sent_at = ? WHERE id = ? AND reminder_sent_at IS NULL "
                        "AND status = 'new'", [now_iso, case_id])
    return cursor.rowcount == 1


def mark_escalated(db, case_id, now_iso):
    """Set escalated_at once, while the case is open without first contact; False when another worker was first."""
    cursor = db.execute("UPDATE cases SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL "
                        "AND status != 'closed' AND first_contact_at IS NULL", [now_iso, case_id])
    return cursor.rowcount == 1


# --- requests per sector and gender, counted apart from the cases ------------------------------

NOT_GIVEN = ""  # a tally's value for "not answered" (a key column cannot hold null)


def add_to_tally(db, day, values):
    """Count one request once more per {dimension: value} on `day`, with no link to its case."""
    for dimension, value in values.items():
        db.execute("INSERT INTO request_tallies (day, dimension, value, count) VALUES (?, ?, ?, 1)"
                   " ON CONFLICT (day, dimension, value) DO UPDATE SET count = count + 1",
                   [day, dimension, value or NOT_GIVEN])


# --- follow-up ------------------------------------------------------------------------------------

def followup_candidates(db):
    """Cases whose worker agreed to a later check-in, with a first contact and contact details still stored.

    One per request: a case referred on counts only when the case it came from had no first contact.
    """
    return list(db.query(
        "SELECT c.id, c.first_contact_at, c.contact_encrypted, c.language, c.screening_id FROM cases c"
        " LEFT JOIN cases p ON p.id = c.parent_case_id"
        " WHERE c.followup_consent = 1 AND c.first_contact_at IS NOT NULL AND c.contact_encrypted IS NOT NULL"
        " AND (c.parent_case_id IS NULL OR p.first_contact_at IS NULL)"))


def withdraw_followup_consent(db, case_id):
    """Set a case's follow-up consent to no; False when it was no already."""
    return db.execute("UPDATE cases SET followup_consent = 0 WHERE id = ? AND followup_consent = 1",
                      [case_id]).rowcount == 1
