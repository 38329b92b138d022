"""Withdrawal and erasure of contact details: one way, whoever asks (the worker, the team, a coordinator)."""
from .. import clock
from ..mail.queries import cancel_personal
from . import queries
from ..tokens import hash_token
from .create import notify_withdrawn


def case_for_token(db, token):
    """The case behind a worker's withdrawal token, or None for an unknown or tampered token."""
    if not token or len(token) > 100:
        return None
    return queries.case_by_withdraw_hash(db, hash_token(token))


def erase_contact_details(db, case_id, now):
    """Erase a case's contact details and the worker's own address in its e-mails (unsent ones are cancelled)."""
    queries.erase_contact(db, case_id, clock.iso(now))
    cancel_personal(db, case_id)


def withdraw(db, case_id, now, *, by, user_id=None):
    """The person wants no contact any more: every case of their request (the first and those referred on)
    loses its contact details, open ones are closed as withdrawn. Returns the ids of the request's cases.

    Runs in the caller's transaction. `by` (worker, team, coordinator, cli) goes into each case's history.
    Only the worker's own withdrawal e-mails the teams of open cases: a team or coordinator knows already.
    A second call changes nothing.
    """
    at = clock.iso(now)
    ids = []
    for member in queries.case_chain(db, case_id):
        ids.append(member["id"])
        if member["contact_erased_at"] and member["status"] == "closed":
            continue
        closed_now = queries.close_as_withdrawn(db, member["id"], at)
        erase_contact_details(db, member["id"], now)
        queries.add_event(db, case_id=member["id"], kind="withdrawn", now=now, user_id=user_id, by=by)
        if closed_now and by == "worker":
            notify_withdrawn(db, member, now)
    return ids


def erase_expired(db, cutoff, now):
    """Erase the contact details of cases closed before `cutoff` (the retention period); returns how many."""
    expired = queries.cases_closed_before(db, cutoff)
    for case_id in expired:
        erase_contact_details(db, case_id, now)
    return len(expired)


def stop_followup(db, case_id, now):
    """The worker wants no more check-ins: follow-up consent off at once, noted in the case's history.
    Runs in the caller's transaction; returns False when consent was off already."""
    if not queries.withdraw_followup_consent(db, case_id):
        return False
    queries.add_event(db, case_id=case_id, kind="followup_stopped", now=now)
    return True
