"""Creating a case and telling the right team: the contract other features build on."""
import json
import secrets
from dataclasses import dataclass

from flask import current_app
from babel import dates
from flask_babel import force_locale, to_user_timezone

from .. import clock, crypto
from ..extensions import current_language
from ..mail.outbox import enqueue
from ..mail.render import render_email
from ..tokens import hash_token, new_token
from ..web import absolute_url
from . import queries
from .providers import get_provider
from .workingtime import due_at as compute_due_at

# No 0/O, 1/I/L: a code read aloud over the phone or typed from paper stays unambiguous.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6


def new_reference(db=None):
    """A short readable reference like ZS-7KQ4M2, unique among the cases in `db` when given."""
    for _ in range(100):
        reference = "ZS-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        if db is None or not queries.reference_exists(db, reference):
            return reference
    raise RuntimeError("no free reference found")


def deadlines_config():
    """Working days per step and for urgent requests, from config DEADLINE_WORKING_DAYS."""
    return current_app.config.get("DEADLINE_WORKING_DAYS") or {}


def create_case(db, *, user_id=None, detail=None, **fields):
    """Insert a case and its `created` event inside the caller's transaction; returns the case as a dict.

    The fields are those of case_row(); the due time is computed from the provider's working hours
    unless `due` is given. `contact` ({name, phone, email, note}) is stored encrypted.
    """
    return insert_case(db, case_row(db, **fields), user_id=user_id, detail=detail)


def case_row(db, *, choice, step, provider_id, now, urgent=False, contact=None, screening_id=None,
             share_results=False, followup_consent=False, preferred_channel=None, preferred_moments=(),
             not_before=None, text_first=False, language="nl", province=None, parent_case_id=None,
             withdraw_token_hash=None, due=None, safety_concern=False, handover=None):
    """The row of a new case, ready to insert: reference, link token, deadline, encrypted contact.

    Only reads, so it can run before the write transaction (the database's unique reference
    still refuses the one-in-a-billion twin that another request might insert meanwhile).
    """
    provider = get_provider(provider_id) if provider_id else None
    if due is None:
        due = compute_due_at(now, urgent=urgent, step=step, provider=provider, deadlines=deadlines_config())
    return {
        "reference": new_reference(db),
        "link_token": new_token(),  # for the case link e-mailed to the team
        "withdraw_token_hash": withdraw_token_hash,
        "parent_case_id": parent_case_id,
        "screening_id": screening_id,
        "share_results": 1 if share_results else 0,
        "followup_consent": 1 if followup_consent else 0,
        "choice": choice,
        "provider_id": provider_id,
        "step": step,
        "urgent": 1 if urgent else 0,
        "status": "new",
        "created_at": clock.iso(now),
        "due_at": clock.iso(due),
        "contact_encrypted": crypto.encrypt(contact) if contact else None,
        "preferred_channel": preferred_channel,
        "preferred_moments": json.dumps(list(preferred_moments)),
        "not_before": not_before or None,  # "HH:MM": do not call earlier
        "text_first": 1 if text_first else 0,  # send a text message before calling
        "language": language,
        "province": province,
        "safety_concern": 1 if safety_concern else 0,
        # What a referring team wrote for this team ({"note": ...}): encrypted, erased with the contact.
        "handover_encrypted": crypto.encrypt(handover) if handover else None,
    }


def insert_case(db, row, user_id=None, detail=None):
    """Insert a case_row() and its `created` event inside the caller's transaction; returns the case.

    Only the link token's hash is stored; the returned case still carries the token itself,
    for the e-mail about the new case.
    """
    stored = {name: value for name, value in row.items() if name != "link_token"}
    stored["link_token_hash"] = hash_token(row["link_token"])
    case_id = queries.insert_case(db, stored)
    event = {"choice": row["choice"], "provider_id": row["provider_id"], "step": row["step"], "urgent": bool(row["urgent"])}
    queries.add_event(db, case_id=case_id, kind="created", now=clock.parse(row["created_at"]), user_id=user_id,
                      **{**event, **(detail or {})})
    return {**queries.get_case(db, case_id), "link_token": row["link_token"]}


def case_link(case):
    """The absolute case link for a provider team (works with or without a request).

    The e-mail about a new case carries its secret link token; later e-mails (reminders,
    escalations, a withdrawal) name the case by its reference, as the site's own pages do:
    only its hash is stored. Either link opens the case after sign-in, for its own team only.
    """
    return absolute_url("partners.case_detail", token=case.get("link_token") or case["reference"])


# Belgian conventions in both languages: the day before the month and a 24-hour clock.
DATE_LOCALES = {"nl": "nl_BE", "en": "en_BE"}


def format_deadline(moment):
    """A due time in Belgian time, e.g. 'dinsdag 24 november 2026 14:00' or 'Tuesday, 24 November 2026 14:00'."""
    locale = DATE_LOCALES.get(current_language(), "nl_BE")
    local = to_user_timezone(moment)
    return f"{dates.format_date(local, 'full', locale=locale)} {dates.format_time(local, 'short', locale=locale)}"


def _recipients(provider):
    if provider and provider.team_emails:
        return list(provider.team_emails), provider.language
    return list(current_app.config.get("COORDINATOR_EMAILS") or []), "nl"


def notify_new_case(db, case, now):
    """Queue the e-mails about a new case: the provider's team, or the coordinators when no provider.

    They carry the reference, step, deadline and case link, never name, phone, e-mail or answers.
    Returns the outbox ids.
    """
    return queue_message(db, new_case_message(case), case["id"], now)


def new_case_message(case):
    """The e-mail about a new case (or a case_row() not inserted yet), rendered once for all its addresses."""
    provider = get_provider(case["provider_id"]) if case["provider_id"] else None
    return _message("new_case" if provider else "unmatched_case", case, provider)


def notify_withdrawn(db, case, now):
    """Queue the e-mails that tell the team (or the coordinators) a worker withdrew."""
    provider = get_provider(case["provider_id"]) if case["provider_id"] else None
    return queue_message(db, _message("case_withdrawn", case, provider), case["id"], now)


@dataclass(frozen=True)
class TeamMessage:
    kind: str
    recipients: list
    subject: str
    text: str
    html: str


def _message(kind, case, provider):
    # One rendering for all of a team's addresses, in the team's language.
    recipients, language = _recipients(provider)
    due = format_deadline_in(language, clock.parse(case["due_at"]))
    subject, text, html = render_email(kind, language=language, case=case, provider=provider,
                                       link=case_link(case), due=due)
    return TeamMessage(kind, recipients, subject, text, html)


def queue_message(db, message, case_id, now):
    """Put a rendered team message in the outbox, one row per address; returns the outbox ids."""
    return [enqueue(db, kind=message.kind, to=address, subject=message.subject, text=message.text,
                    html=message.html, case_id=case_id, now=now) for address in message.recipients]


def format_deadline_in(language, moment):
    """format_deadline in a given language (a team's, or the worker's choice)."""
    with force_locale(language):
        return format_deadline(moment)
