"""The audit log: who did or saw what, when, on which case. The only module that writes audit_log."""
import json

from sqlite_utils import Migrations

from . import clock

migrations = Migrations("audit")


@migrations()
def create_audit_log(db):
    # Databases made before this set existed got the table from the "partners" set's create_accounts:
    # they keep it as it is.
    if db["audit_log"].exists():
        return
    # Who did or saw what, when. Never contact details.
    db["audit_log"].create(
        {
            "id": int,
            "at": str,
            "user_id": int,  # null for the system (SLA clock) or a failed sign-in
            "action": str,  # case_viewed, claimed, attempt, first_contact, referred, closed, assigned, signed_in ...
            "case_id": int,
            "detail": str,  # JSON
        },
        pk="id",
        not_null={"at", "action"},
    )
    db["audit_log"].create_index(["case_id", "at"])


def record(db, *, action, now, user_id=None, case_id=None, **detail):
    """Write one audit entry inside the caller's transaction; an empty detail is stored as NULL."""
    db["audit_log"].insert({"at": clock.iso(now), "user_id": user_id, "action": action, "case_id": case_id,
                            "detail": json.dumps(detail, sort_keys=True) if detail else None})


def for_case(db, case_id):
    """The audit entries of one case, oldest first, with the account's e-mail."""
    return list(db.query(
        "SELECT a.*, u.email FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
        "WHERE a.case_id = ? ORDER BY a.at, a.id", [case_id]))


def audited_since(db, action, detail_user_id, since):
    """True when `action` was audited about this account at or after `since`."""
    return db.execute(
        "SELECT 1 FROM audit_log WHERE action = ? AND at >= ? AND json_extract(detail, '$.detail_user_id') = ? LIMIT 1",
        [action, clock.iso(since), detail_user_id]).fetchone() is not None


def prune(db, cutoff):
    """Delete the entries older than `cutoff` (ISO time); returns how many."""
    return db.execute("DELETE FROM audit_log WHERE at < ?", [cutoff]).rowcount
