"""Which case actions are allowed in which state (pure: plain dicts in, codes out)."""
from datetime import timedelta

# The outcomes a team closes with, in the close form's order; "referred" only through a referral.
CLOSE_OUTCOMES = ("supported", "ongoing", "referred_outside", "unreachable", "declined", "withdrawn")
# These tell what came of a conversation: only after first contact.
AFTER_CONTACT_OUTCOMES = ("supported", "ongoing", "referred_outside")
# The number of conversations a team may give when closing (optional).
MAX_CONVERSATIONS = 50
# A first contact noted by mistake (a mis-tapped "Bereikt") can be taken back this long after it was noted.
UNDO_MINUTES = 10


def refusal(action, case, *, outcome=None, unreached_attempts=0, min_attempts=3, target_provider=None,
            contact_noted_at=None, now=None):
    """Why `action` cannot happen to `case` now (a short code), or None when it is allowed.

    `contact_noted_at` and `now` (aware datetimes) are for "undo_contact": when the first contact was noted.
    Codes: closed, already_claimed, not_claimed, already_contacted, needs_contact,
    too_few_attempts, unknown_outcome, same_provider, nothing_to_undo, undo_expired, unknown_action.
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
    if action == "undo_contact":
        if status != "contacted" or contact_noted_at is None:
            return "nothing_to_undo"
        return "undo_expired" if now > undo_until(contact_noted_at) else None
    return "unknown_action"


def undo_until(contact_noted_at):
    """Until when a first contact noted at `contact_noted_at` can be undone."""
    return contact_noted_at + timedelta(minutes=UNDO_MINUTES)


def records_first_contact(action, case, *, reached=False):
    """True when the action stops the clock: first contact, or a reached attempt on a case still waiting for it.

    A reached attempt after the first contact is only history.
    """
    return action == "first_contact" or (action == "attempt" and bool(reached) and case["status"] == "claimed")


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
    if outcome in AFTER_CONTACT_OUTCOMES:
        return None if status == "contacted" else "needs_contact"
    if outcome == "unreachable":
        if status == "contacted":
            return "already_contacted"
        return None if unreached_attempts >= min_attempts else "too_few_attempts"
    return None  # declined


def changes(action, case, *, now_iso, user_id, outcome=None, contact_iso=None, reached=False, conversations=None):
    """The column updates an allowed action makes to a case (`contact_iso`: when first contact happened)."""
    if action == "claim":
        return {"status": "claimed", "claimed_at": now_iso, "assigned_user_id": user_id}
    if records_first_contact(action, case, reached=reached):
        return {"status": "contacted", "first_contact_at": contact_iso or now_iso}
    if action == "undo_contact":
        return {"status": "claimed", "first_contact_at": None}  # first contact is only noted from "claimed"
    if action == "close":
        return {"status": "closed", "outcome": outcome, "closed_at": now_iso, "conversations": conversations}
    if action == "refer":
        return {"status": "closed", "outcome": "referred", "closed_at": now_iso}
    return {}  # an attempt that reached nobody (or came after the first contact) changes only the history


def parse_conversations(text):
    """(number or None when left empty, None), or (None, "invalid") for anything but a whole number 0-50."""
    text = (text or "").strip()
    if not text:
        return None, None
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_CONVERSATIONS:
        return None, "invalid"
    return int(text), None


def is_overdue(case, now_iso):
    """True when the deadline passed without first contact on an open case."""
    return case["status"] != "closed" and not case.get("first_contact_at") and case["due_at"] <= now_iso
