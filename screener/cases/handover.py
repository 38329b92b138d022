"""Handing a case to another provider (a referral) or routing one from the coordinators' queue."""
import json

from flask import current_app
from flask_babel import gettext as _

from .. import audit, clock, crypto
from ..db import immediate
from ..mail.addresses import AddressError, normalized_address
from ..mail.outbox import enqueue
from ..mail.render import render_email
from . import queries, transitions
from .actions import CaseRefused, refusal_message
from .create import create_case, deadlines_config, format_deadline_in, notify_new_case
from .providers import get_provider
from .workingtime import due_at as compute_due_at


def refer_after(provider_id, user_id, *, agreed_via, note=None):
    """The step run inside the referral's transaction: a linked case for `provider_id`, notified.

    The new case keeps the worker's choices and contact details, and the chain via parent_case_id;
    the worker's withdrawal link moves to it, so withdrawing reaches the case that is open.
    It carries the story: how the worker agreed (`agreed_via`), a summary of the attempts and the
    referring team's `note` (encrypted, never in an e-mail). The worker, when they gave an e-mail
    address, is told who will contact them now.
    """

    def create_linked_case(db, case, now):
        provider = get_provider(provider_id)
        contact = crypto.decrypt(case["contact_encrypted"])
        story = {"referred_from": case["reference"], "from_step": case["step"], "from_provider": case["provider_id"],
                 "agreed_via": agreed_via, **attempts_summary(case, queries.attempts(db, case["id"]))}
        child = create_case(
            db, choice="referral", step=provider.step, provider_id=provider.id, now=now, urgent=bool(case["urgent"]),
            contact=contact, screening_id=case["screening_id"],
            share_results=bool(case["share_results"]), followup_consent=bool(case["followup_consent"]),
            preferred_channel=case["preferred_channel"], preferred_moments=_moments(case),
            not_before=case["not_before"], text_first=bool(case["text_first"]),
            language=case["language"], province=case["province"], safety_concern=bool(case["safety_concern"]),
            parent_case_id=case["id"], withdraw_token_hash=case["withdraw_token_hash"], user_id=user_id,
            handover={"note": note} if note else None, detail=story)
        queries.move_withdraw_hash(db, case["id"])
        notify_new_case(db, child, now)
        told = tell_worker(db, child, contact, provider, now)
        return {"to_case": child["reference"], "to_step": provider.step, "worker_emailed": told}

    return create_linked_case


def attempts_summary(case, attempts):
    """What the next team reads about the contact so far (pure): attempts, first contact and its channel."""
    reached = [a for a in attempts if a["reached"]]
    return {"attempts": len(attempts), "unreached": len(attempts) - len(reached),
            "channels": list(dict.fromkeys(a["channel"] for a in attempts if a["channel"])),
            "contact_channel": reached[0]["channel"] if reached else None,
            "first_contact_at": case.get("first_contact_at")}


def refer_targets(providers, province, exclude=None):
    """(serving the worker's province, the others): the active providers a case may go to, by step then name.

    Without a known province every provider is in the second group.
    """
    targets = sorted((p for p in providers if p.active and p.id != exclude), key=lambda p: (p.step, p.name))
    here = [p for p in targets if province and province in p.provinces]
    return here, [p for p in targets if p not in here]


def referral_due(case, provider, now):
    """The new case's deadline if it were referred `now`: from that team's working hours, as for a new case."""
    return compute_due_at(now, urgent=bool(case["urgent"]), step=provider.step, provider=provider,
                          deadlines=deadlines_config())


def preview(case, provider_id, now):
    """What the confirmation names before a referral: the provider and its deadline; CaseRefused when not allowed."""
    code = transitions.refusal("refer", case, target_provider=provider_id)
    if code:
        raise CaseRefused(refusal_message(code))
    provider = get_provider(provider_id)
    return {"provider": provider, "due": referral_due(case, provider, now)}


def received(case, events):
    """What the referring team handed over, for the receiving team's page; None for a case that was not referred.

    {from_reference, from_provider, agreed_via, attempts, unreached, channels, contact_channel,
    first_contact_at, note}; the note is decrypted here and is gone once the contact is erased.
    """
    created = next((e for e in events if e["kind"] == "created"), None)
    detail = json.loads(created["detail"]) if created and created["detail"] else {}
    if "referred_from" not in detail:
        return None
    story = {key: detail.get(key) for key in ("from_provider", "agreed_via", "attempts", "unreached",
                                              "contact_channel", "first_contact_at")}
    story["channels"] = detail.get("channels") or []
    story["from_reference"] = detail["referred_from"]
    story["note"] = (crypto.decrypt(case.get("handover_encrypted")) or {}).get("note")
    return story


def tell_worker(db, case, contact, provider, now):
    """Queue the e-mail that tells the worker who contacts them now (no health data, never the team's note).

    Only to an address that passes today's check, in the case's language; True when queued.
    """
    try:
        address = normalized_address((contact or {}).get("email") or "")
    except AddressError:
        return False
    languages = current_app.config["LANGUAGES"]
    language = case["language"] if case["language"] in languages else languages[0]
    subject, text, html = render_email(
        "handover_worker", language=language, case=case, provider=provider,
        due=format_deadline_in(language, clock.parse(case["due_at"])))
    enqueue(db, kind="handover", to=address, subject=subject, text=text, html=html, case_id=case["id"],
            personal=True, now=now)
    return True


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
