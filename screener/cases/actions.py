"""Actions on a case: each one checked, applied, added to the history and audited in one transaction."""
from flask import current_app
from flask_babel import gettext as _

from .. import audit, clock
from ..db import immediate
from . import queries, transitions, withdrawal


class CaseRefused(Exception):
    """An action that is not possible in the case's current state; carries a Dutch message."""

    def __init__(self, message, status=409):
        super().__init__(message)
        self.message, self.status = message, status


def refusal_message(code):
    """The Dutch explanation of a refusal code from transitions.refusal()."""
    min_attempts = current_app.config["PARTNER_MIN_ATTEMPTS"]
    return {
        "closed": _("Dit dossier is afgesloten. Er kan niets meer aan veranderen."),
        "already_claimed": _("Dit dossier is al opgenomen."),
        "not_claimed": _("Neem het dossier eerst op."),
        "already_contacted": _("Het eerste contact is al genoteerd."),
        "needs_contact": _("Noteer eerst het eerste contact. Deze uitkomst kan pas na een gesprek."),
        "too_few_attempts": _("Probeer minstens %(count)s keer contact op te nemen voor je afsluit zonder contact.",
                              count=min_attempts),
        "unknown_outcome": _("Kies een uitkomst."),
        "same_provider": _("Kies een andere organisatie dan de huidige."),
        "nothing_to_undo": _("Er is geen eerste contact om ongedaan te maken."),
        "undo_expired": _("Ongedaan maken kan maar %(minutes)s minuten na het noteren. Die tijd is voorbij: het eerste"
                          " contact blijft staan.", minutes=transitions.UNDO_MINUTES),
        "unknown_action": _("Deze actie bestaat niet."),
        "conflict": _("Iemand anders paste dit dossier net aan. Bekijk de nieuwe toestand en probeer opnieuw."),
    }[code]


def act(db, case_id, action, *, user_id, now, outcome=None, detail=None, after=None, contact_at=None,
        conversations=None):
    """Apply one action to a case, or raise CaseRefused. Returns the updated case row.

    A reached attempt on a case waiting for first contact also records the first contact (at `contact_at`,
    else now), in the same transaction. `after(db, case, now)` runs inside the same transaction (e.g. a
    referral creating the next case).
    """
    now_iso = clock.iso(now)
    detail = dict(detail or {})
    contact_iso = clock.iso(contact_at) if contact_at else None
    with immediate(db):
        case = queries.get_case(db, case_id)
        noted = queries.first_contact_noted_at(db, case_id) if action == "undo_contact" else None
        code = transitions.refusal(
            action, case, outcome=outcome,
            unreached_attempts=queries.unreached_attempts(db, case_id),
            min_attempts=current_app.config["PARTNER_MIN_ATTEMPTS"],
            target_provider=detail.get("provider_id"), contact_noted_at=clock.parse(noted) if noted else None,
            now=now)
        if code:
            raise CaseRefused(refusal_message(code))
        first_contact = transitions.records_first_contact(action, case, reached=detail.get("reached"))
        withdrawn = transitions.erases_contact(action, outcome)
        if withdrawn:
            # The same withdrawal as the worker's own link; it closes the case and writes its history.
            withdrawal.withdraw(db, case_id, now, by="team", user_id=user_id)
            if conversations is not None:
                queries.update_case(db, case_id, "closed", {"conversations": conversations})
        else:
            updates = transitions.changes(action, case, now_iso=now_iso, user_id=user_id, outcome=outcome,
                                          contact_iso=contact_iso, reached=detail.get("reached"),
                                          conversations=conversations)
            if updates and not queries.update_case(db, case_id, case["status"], updates):
                raise CaseRefused(refusal_message("conflict"))
        if contact_iso and contact_iso != now_iso:
            detail["contact_at"] = contact_iso
        if outcome:
            detail["outcome"] = outcome
        if conversations is not None:
            detail["conversations"] = conversations
        if action == "undo_contact":
            detail["first_contact_at"] = case["first_contact_at"]  # what was taken back stays in the history
        if after is not None:
            detail.update(after(db, case, now) or {})
        kind = {"claim": "claimed", "close": "closed", "refer": "referred", "undo_contact": "contact_undone"}.get(
            action, action)
        entries = [(kind, detail)]
        if first_contact and action == "attempt":
            # The history and the audit log read the first contact where they always did.
            entries.append(("first_contact", {"via": "attempt", **({"contact_at": detail["contact_at"]}
                                                                   if "contact_at" in detail else {})}))
        for entry_kind, entry_detail in entries:
            if not withdrawn:
                queries.add_event(db, case_id=case_id, kind=entry_kind, now=now, user_id=user_id, **entry_detail)
            audit.record(db, action=entry_kind, now=now, user_id=user_id, case_id=case_id, **entry_detail)
    return queries.get_case(db, case_id)


def undo_until(db, case, now):
    """Until when the case's first contact can still be undone (aware datetime), or None when it cannot at `now`."""
    noted = queries.first_contact_noted_at(db, case["id"])
    if noted is None:
        return None
    noted = clock.parse(noted)
    if transitions.refusal("undo_contact", case, contact_noted_at=noted, now=now):
        return None
    return transitions.undo_until(noted)


def record_view(db, case_id, *, user_id, now):
    """Every opening of a case is audited."""
    with immediate(db):
        audit.record(db, action="case_viewed", now=now, user_id=user_id, case_id=case_id)
