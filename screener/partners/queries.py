"""All SQL of the partners feature."""
import json

from .. import clock

# --- accounts -----------------------------------------------------------------------------


def user_by_email(db, email):
    """The account with this e-mail address (lower-case), or None."""
    rows = list(db["users"].rows_where("email = ?", [email.strip().lower()]))
    return rows[0] if rows else None


def user_by_id(db, user_id):
    """The account with this id, or None."""
    rows = list(db["users"].rows_where("id = ?", [user_id]))
    return rows[0] if rows else None


def insert_user(db, *, email, role, org_id, name, now):
    """Create an account that still has to accept its invitation; returns its id."""
    return db["users"].insert(
        {"email": email.strip().lower(), "name": name, "role": role, "org_id": org_id,
         "created_at": clock.iso(now)}
    ).last_pk


def all_users(db):
    """Every account, coordinators first, then per organisation and e-mail."""
    return list(db.query(
        "SELECT * FROM users ORDER BY role = 'member', coalesce(org_id, ''), email"))


def set_disabled(db, user_id, now):
    """Disable an account (now) or enable it again (now=None)."""
    db.execute("UPDATE users SET disabled_at = ? WHERE id = ?", [clock.iso(now) if now else None, user_id])


def activate_user(db, user_id, *, password_hash, totp_secret_encrypted, now):
    """Store the password (and second factor) chosen through the invitation."""
    db.execute(
        "UPDATE users SET password_hash = ?, totp_secret_encrypted = ?, totp_last_step = NULL, activated_at = ? "
        "WHERE id = ?",
        [password_hash, totp_secret_encrypted, clock.iso(now), user_id],
    )


def claim_totp_step(db, user_id, step):
    """Remember the last accepted code's step; False when an equal or later step was used already."""
    cursor = db.execute(
        "UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
        [step, user_id, step],
    )
    return cursor.rowcount == 1


def coordinator_emails(db):
    """E-mail addresses of the active coordinator accounts."""
    return [r["email"] for r in db.query(
        "SELECT email FROM users WHERE role = 'coordinator' AND disabled_at IS NULL AND activated_at IS NOT NULL")]


# --- invitations --------------------------------------------------------------------------


def insert_invitation(db, *, user_id, token_hash, now, expires_at):
    """A new invitation; earlier unused ones of the same account stop working."""
    db.execute("UPDATE invitations SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
               [clock.iso(now), user_id])
    db["invitations"].insert({"user_id": user_id, "token_hash": token_hash, "created_at": clock.iso(now),
                              "expires_at": clock.iso(expires_at)})


def invitation_by_hash(db, token_hash):
    """The invitation behind a link, with its account's e-mail and state, or None."""
    rows = list(db.query(
        "SELECT i.*, u.email, u.role, u.org_id, u.disabled_at FROM invitations i "
        "JOIN users u ON u.id = i.user_id WHERE i.token_hash = ?", [token_hash]))
    return rows[0] if rows else None


def set_invitation_secret(db, invitation_id, secret_encrypted):
    """Keep the enrolment secret on the invitation so a reload shows the same QR code."""
    db.execute("UPDATE invitations SET totp_secret_encrypted = ? WHERE id = ? AND totp_secret_encrypted IS NULL",
               [secret_encrypted, invitation_id])


def use_invitation(db, invitation_id, now):
    """Mark an invitation used; False when it was used (or replaced) already."""
    cursor = db.execute("UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL",
                        [clock.iso(now), invitation_id])
    return cursor.rowcount == 1


# --- sessions -----------------------------------------------------------------------------


def insert_session(db, *, token_hash, user_id, now):
    """Record a new signed-in session."""
    db["user_sessions"].insert({"token_hash": token_hash, "user_id": user_id,
                                "created_at": clock.iso(now), "last_seen_at": clock.iso(now)})


def session_with_user(db, token_hash):
    """A live (not ended) session joined with its account, or None."""
    rows = list(db.query(
        "SELECT s.id AS session_id, s.created_at AS session_created_at, s.last_seen_at, "
        "u.id, u.email, u.name, u.role, u.org_id, u.disabled_at "
        "FROM user_sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND s.ended_at IS NULL", [token_hash]))
    return rows[0] if rows else None


def touch_session(db, session_id, now):
    """Move the idle timer of a session."""
    db.execute("UPDATE user_sessions SET last_seen_at = ? WHERE id = ?", [clock.iso(now), session_id])


def end_session(db, session_id, now):
    """End one session."""
    db.execute("UPDATE user_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
               [clock.iso(now), session_id])


def end_user_sessions(db, user_id, now):
    """End every session of an account (disabled, or a new password)."""
    db.execute("UPDATE user_sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL",
               [clock.iso(now), user_id])


# --- audit log ----------------------------------------------------------------------------


def audit(db, *, action, now, user_id=None, case_id=None, **detail):
    """Write one audit entry: who did what, when, on which case."""
    db["audit_log"].insert({"at": clock.iso(now), "user_id": user_id, "action": action, "case_id": case_id,
                            "detail": json.dumps(detail, sort_keys=True) if detail else None})


def audit_for_case(db, case_id):
    """The audit entries of one case, oldest first, with the account's e-mail."""
    return list(db.query(
        "SELECT a.*, u.email FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
        "WHERE a.case_id = ? ORDER BY a.at, a.id", [case_id]))


# --- cases --------------------------------------------------------------------------------

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


def case_by_token(db, token):
    """The full case row behind a case link (an e-mailed link token, stored as its hash, or a reference), or None."""
    from ..referral.cases import hash_token

    rows = list(db.query("SELECT * FROM cases WHERE link_token_hash = ? OR reference = ?", [hash_token(token), token]))
    return rows[0] if rows else None


def update_case(db, case_id, expected_status, updates):
    """Apply updates only if the case still has `expected_status`; False when someone was first."""
    sets = ", ".join(f"{column} = :{column}" for column in updates)
    cursor = db.execute(f"UPDATE cases SET {sets} WHERE id = :case_id AND status = :expected",
                        {**updates, "case_id": case_id, "expected": expected_status})
    return cursor.rowcount == 1


def add_event(db, *, case_id, kind, now, user_id=None, **detail):
    """Append one entry to a case's history."""
    db["case_events"].insert({"case_id": case_id, "at": clock.iso(now), "user_id": user_id, "kind": kind,
                              "detail": json.dumps(detail, sort_keys=True) if detail else None})


def case_events(db, case_id):
    """A case's history, oldest first, with the account's e-mail."""
    return list(db.query(
        "SELECT e.*, u.email FROM case_events e LEFT JOIN users u ON u.id = e.user_id "
        "WHERE e.case_id = ? ORDER BY e.at, e.id", [case_id]))


def unreached_attempts(db, case_id):
    """How many contact attempts did not reach the worker."""
    return next(db.query(
        "SELECT count(*) AS n FROM case_events WHERE case_id = ? AND kind = 'attempt' "
        "AND json_extract(detail, '$.reached') = 0", [case_id]))["n"]


def set_provider(db, case_id, provider_id, step, due_at_iso=None):
    """Route an unrouted case to a provider (coordinators' queue); False when it was routed already."""
    updates = "provider_id = ?, step = ?" + (", due_at = ?" if due_at_iso else "")
    params = [provider_id, step] + ([due_at_iso] if due_at_iso else []) + [case_id]
    cursor = db.execute(f"UPDATE cases SET {updates} WHERE id = ? AND provider_id IS NULL AND status != 'closed'", params)
    return cursor.rowcount == 1


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


def move_withdraw_hash(db, case_id):
    """The referred case gives its withdrawal token to the new case (create_case copied it)."""
    db.execute("UPDATE cases SET withdraw_token_hash = NULL WHERE id = ?", [case_id])
