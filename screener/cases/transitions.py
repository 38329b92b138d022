"""Which case actions are allowed in which state (pure: plain dicts in, codes out)."""

CLOSE_OUTCOMES = ("supported", "unreachable", "declined", "withdrawn")  # "referred" only through a referral


def refusal(action, case, *, outcome=None, unreached_attempts=0, min_attempts=3, target_provider=None):
    """Why `action` cannot happen to `case` now (a short code), or None when it is allowed.

    Codes: closed, already_claimed, not_claimed, already_contacted, needs_contact,
    too_few_attempts, unknown_outcome, same_provider, unknown_action.
    """
    status = case["status"]
    if status == "closed":
        return "closed"
    if action == "claim":
        return None if status == "new" else "already_claimed"
    if action == "attempt":
        return "not_claimed" if status == "new" else None
    if action == "first_contact":
        if status == "new":
            return "not_claimed"
        return "already_contacted" if status == "contacted" else None
    if action == "refer":
        return "same_provider" if target_provider == case.get("provider_id") else None
    if action == "close":
        return _close_refusal(status, outcome, unreached_attempts, min_attempts)
    return "unknown_action"


def erases_contact(action, outcome):
    """A case closed because the person withdrew loses their contact details at once, as the worker's own
    withdrawal does: nobody may call them any more."""
    return action == "close" and outcome == "withdrawn"


def _close_refusal(status, outcome, unreached_attempts, min_attempts):
    if outcome not in CLOSE_OUTCOMES:
        return "unknown_outcome"
    if outcome == "withdrawn":
        return None  # the worker may withdraw at any time, even before anyone claimed the case
    if status == "new":
        return "not_claimed"
    if outcome == "supported":
        return None if status == "contacted" else "needs_contact"
    if outcome == "unreachable":
        if status == "contacted":
            return "already_contacted"
        return None if unreached_attempts >= min_attempts else "too_few_attempts"
    return None  # declined


def changes(action, case, *, now_iso, user_id, outcome=None, contact_iso=None):
    """The column updates an allowed action makes to a case (`contact_iso`: when first contact happened)."""
    if action == "claim":
        return {"status": "claimed", "claimed_at": now_iso, "assigned_user_id": user_id}
    if action == "first_contact":
        return {"status": "contacted", "first_contact_at": contact_iso or now_iso}
    if action == "close":
        return {"status": "closed", "outcome": outcome, "closed_at": now_iso}
    if action == "refer":
        return {"status": "closed", "outcome": "referred", "closed_at": now_iso}
    return {}  # an attempt changes no state, only the history


def is_overdue(case, now_iso):
    """True when the deadline passed without first contact on an open case."""
    return case["status"] != "closed" and not case.get("first_contact_at") and case["due_at"] <= now_iso
