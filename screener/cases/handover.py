"""Handing a case to another provider (a referral) or routing one from the coordinators' queue."""
import json

from flask_babel import gettext as _

from .. import audit, clock, crypto
from ..db import immediate
from . import queries
from .actions import CaseRefused
from .create import create_case, deadlines_config, notify_new_case
from .providers import get_provider
from .workingtime import due_at as compute_due_at


def refer_after(provider_id, user_id):
    """The step run inside the referral's transaction: a linked case for `provider_id`, notified.

    The new case keeps the worker's choices and contact details, and the chain via parent_case_id;
    the worker's withdrawal link moves to it, so withdrawing reaches the case that is open.
    """

    def create_linked_case(db, case, now):
        provider = get_provider(provider_id)
        child = create_case(
            db, choice="referral", step=provider.step, provider_id=provider.id, now=now, urgent=bool(case["urgent"]),
            contact=crypto.decrypt(case["contact_encrypted"]), screening_id=case["screening_id"],
            share_results=bool(case["share_results"]), followup_consent=bool(case["followup_consent"]),
            preferred_channel=case["preferred_channel"], preferred_moments=_moments(case),
            not_before=case["not_before"], text_first=bool(case["text_first"]),
            language=case["language"], province=case["province"], safety_concern=bool(case["safety_concern"]),
            parent_case_id=case["id"], withdraw_token_hash=case["withdraw_token_hash"], user_id=user_id,
            detail={"referred_from": case["reference"], "from_step": case["step"]})
        queries.move_withdraw_hash(db, case["id"])
        notify_new_case(db, child, now)
        return {"to_case": child["reference"], "to_step": provider.step}

    return create_linked_case


def _moments(case):
    return json.loads(case["preferred_moments"]) if case["preferred_moments"] else []


def assign_case(db, case_id, provider_id, *, user_id, now):
    """Route an unrouted case to a provider: its deadline follows that team's hours; the team is told."""
    provider = get_provider(provider_id)
    with immediate(db):
        case = queries.get_case(db, case_id)
        due = compute_due_at(clock.parse(case["created_at"]), urgent=bool(case["urgent"]), step=provider.step,
                             provider=provider, deadlines=deadlines_config())
        if not queries.set_provider(db, case_id, provider.id, provider.step, clock.iso(due)):
            raise CaseRefused(_("Dit dossier heeft al een organisatie of is afgesloten."))
        queries.add_event(db, case_id=case_id, kind="assigned", now=now, user_id=user_id, provider_id=provider.id,
                          step=provider.step)
        audit.record(db, action="assigned", now=now, user_id=user_id, case_id=case_id, provider_id=provider.id)
        notify_new_case(db, queries.get_case(db, case_id), now)
