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
        "needs_contact": _("Noteer eerst het eerste contact voor je afsluit als geholpen."),
        "too_few_attempts": _("Probeer minstens %(count)s keer contact op te nemen voor je afsluit zonder contact.",
                              count=min_attempts),
        "unknown_outcome": _("Kies een uitkomst."),
        "same_provider": _("Kies een andere organisatie dan de huidige."),
        "unknown_action": _("Deze actie bestaat niet."),
        "conflict": _("Iemand anders paste dit dossier net aan. Bekijk de nieuwe toestand en probeer opnieuw."),
    }[code]


def act(db, case_id, action, *, user_id, now, outcome=None, detail=None, after=None, contact_at=None):
    """Apply one action to a case, or raise CaseRefused. Returns the updated case row.

    `after(db, case, now)` runs inside the same transaction (e.g. a referral creating the next case).
    """
    now_iso = clock.iso(now)
    with immediate(db):
        case = queries.get_case(db, case_id)
        code = transitions.refusal(
            action, case, outcome=outcome,
            unreached_attempts=queries.unreached_attempts(db, case_id),
            min_attempts=current_app.config["PARTNER_MIN_ATTEMPTS"],
            target_provider=(detail or {}).get("provider_id"))
        if code:
            raise CaseRefused(refusal_message(code))
        withdrawn = transitions.erases_contact(action, outcome)
        if withdrawn:
            # The same withdrawal as the worker's own link; it closes the case and writes its history.
            withdrawal.withdraw(db, case_id, now, by="team", user_id=user_id)
        else:
            updates = transitions.changes(action, case, now_iso=now_iso, user_id=user_id, outcome=outcome,
                                          contact_iso=clock.iso(contact_at) if contact_at else None)
            if updates and not queries.update_case(db, case_id, case["status"], updates):
                raise CaseRefused(refusal_message("conflict"))
        event_detail = dict(detail or {})
        if contact_at and clock.iso(contact_at) != now_iso:
            event_detail["contact_at"] = clock.iso(contact_at)
        if outcome:
            event_detail["outcome"] = outcome
        if after is not None:
            event_detail.update(after(db, case, now) or {})
        kind = {"claim": "claimed", "close": "closed", "refer": "referred"}.get(action, action)
        if not withdrawn:
            queries.add_event(db, case_id=case_id, kind=kind, now=now, user_id=user_id, **event_detail)
        audit.record(db, action=kind, now=now, user_id=user_id, case_id=case_id, **event_detail)
    return queries.get_case(db, case_id)


def record_view(db, case_id, *, user_id, now):
    """Every opening of a case is audited."""
    with immediate(db):
        audit.record(db, action="case_viewed", now=now, user_id=user_id, case_id=case_id)
