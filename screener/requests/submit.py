"""A worker's request, from preview to case: routing, deadline, one transaction; withdrawal through the link."""
from dataclasses import dataclass

from ..cases import queries, withdrawal
from ..cases.create import (case_row, deadlines_config, format_deadline_in, insert_case, new_case_message,
                            queue_message)
from ..cases.providers import get_provider, get_providers
from ..cases.routing import route
from ..cases.withdrawal import case_for_token
from ..cases.workingtime import DEFAULT_WORKING_HOURS, add_working_days, deadline_days, same_day_due
from ..db import immediate
from ..mail.outbox import enqueue
from ..mail.render import render_email
from ..clock import local_day
from ..screening.scoring import result_band
from ..tokens import new_token_and_hash
from ..web import absolute_url
from .forms import contact_details


@dataclass(frozen=True)
class Plan:
    """Who will contact the worker and by when, as shown before sending."""

    provider: object  # Provider or None (the coordinators find one)
    step: int
    urgent: bool
    days: int
    due: object  # aware datetime
    today: bool = False  # "call me today": the same-day deadline (workingtime.same_day_due)


def is_urgent(screening):
    """A red band or a crisis answer in the worker's screening."""
    return bool(screening and (screening.get("band") == "red" or screening.get("crisis")))


def wants_today(form, screening):
    """"Call me today" counts only after a positive safety answer in this browser's screening."""
    return form.values.get("today") == "1" and bool(screening and screening.get("crisis"))


def employer_services():
    """The active step-1 services a worker can choose from."""
    return [p for p in get_providers() if p.active and p.step == 1]


def plan(db, form, screening, now):
    """Route the request and compute its deadline (reads the open cases; writes nothing)."""
    urgent = is_urgent(screening)
    chosen = route(choice=form.values["choice"], providers=get_providers(), open_counts=queries.open_case_counts(db),
                   employer_id=form.values["employer"] or None, province=form.province, urgent=urgent)
    provider = get_provider(chosen.provider_id) if chosen.provider_id else None
    hours = provider.working_hours if provider else DEFAULT_WORKING_HOURS
    if wants_today(form, screening):
        return Plan(provider, chosen.step, True, 0, same_day_due(now, hours), today=True)
    days = deadline_days(urgent=chosen.urgent, step=chosen.step,
                         override=provider.deadline_working_days if provider else None, deadlines=deadlines_config())
    return Plan(provider, chosen.step, chosen.urgent, days, add_working_days(now, days, hours))


def submit(db, form, screening, now):
    """Write the case, its history and its e-mails in one transaction. Returns (case, withdraw token).

    Routing, the deadline, encryption and the e-mails are prepared before the transaction, which
    then only inserts: every writer of the site waits while one holds the write lock. Routing
    reads the open cases a moment before the insert; a request routed in that moment changes the
    balance between equal providers by one case at most.
    """
    token, token_hash = new_token_and_hash()
    shared = bool(screening and screening.get("id")) and form.flags["share_results"]
    chosen = plan(db, form, screening, now)
    row = case_row(
        db, choice=form.values["choice"], step=chosen.step, provider_id=chosen.provider.id if chosen.provider else None,
        urgent=chosen.urgent, now=now, due=chosen.due, contact=contact_details(form),
        # The anonymous screening is linked to a named case only with the worker's consent.
        screening_id=screening["id"] if shared else None, share_results=shared,
        followup_consent=form.flags["followup"], preferred_channel=form.values["channel"],
        preferred_moments=form.moments, not_before=form.values.get("not_before") or None,
        text_first=form.flags.get("text_first", False), language=form.values["language"], province=form.province,
        withdraw_token_hash=token_hash, safety_concern=bool(screening and screening.get("crisis")),
    )
    team_message = new_case_message(row)
    confirmation = _confirmation(row, chosen, form, token) if form.flags["confirm_email"] and form.values["email"] else None
    with immediate(db):
        case = insert_case(db, row, detail={"from_screening": bool(screening)})
        # Sector and gender (the screener's optional profile) and the result's band are only counted,
        # never kept with the case.
        queries.add_to_tally(db, local_day(now).isoformat(), {
            **{field: (screening or {}).get(field) for field in ("sector", "gender")},
            "band": result_band(screening["band"], screening["crisis"]) if screening else None})
        queue_message(db, team_message, case["id"], now)
        if confirmation:
            enqueue(db, kind="confirmation", to=form.values["email"], **confirmation, case_id=case["id"],
                    personal=True, now=now)
    return case, token


def withdraw_url(token):
    """The worker's secret withdrawal link (absolute, for the e-mail)."""
    return absolute_url("requests.withdraw", token=token)


def _confirmation(case, chosen, form, token):
    """The worker's own confirmation e-mail (subject, text, html), in the language they chose."""
    language = form.values["language"]
    subject, text, html = render_email(
        "request_confirmation", language=language, case=case, provider=chosen.provider, days=chosen.days,
        due=format_deadline_in(language, chosen.due), withdraw_link=withdraw_url(token))
    return {"subject": subject, "text": text, "html": html}


def withdraw(db, token, now):
    """The worker's secret link: withdraw the whole request (cases.withdrawal). Returns the case, or None for an
    unknown token. A second withdrawal changes nothing."""
    with immediate(db):
        case = case_for_token(db, token)
        if case is None:
            return None
        withdrawal.withdraw(db, case["id"], now, by="worker")
    return queries.get_case(db, case["id"])
