"""The SLA clock job in `flask worker`: one reminder, one escalation per case, through the outbox."""
import logging

from .. import audit, clock
from ..db import get_db, immediate
from ..mail.alerts import alert_recipients
from ..mail.outbox import enqueue
from ..mail.render import render_email
from . import queries, sla
from .create import case_link
from .providers import get_provider
from .workingtime import DEFAULT_WORKING_HOURS

log = logging.getLogger(__name__)


def run(app=None):
    """Send the reminders and escalations that are due now; returns (reminders, escalations)."""
    db = get_db()
    now = clock.now()
    now_iso = clock.iso(now)
    reminders = escalations = 0
    for case in queries.cases_awaiting_reminder(db):
        provider = get_provider(case["provider_id"])
        hours = provider.working_hours if provider else DEFAULT_WORKING_HOURS
        if sla.needs_reminder(case, now, hours):
            reminders += _once(db, case, "reminder", now, now_iso, provider)
    for case in queries.cases_past_deadline(db, now_iso):
        if sla.needs_escalation(case, now):
            escalations += _once(db, case, "escalation", now, now_iso,
                                 get_provider(case["provider_id"]) if case["provider_id"] else None)
    if reminders or escalations:
        log.info("sla clock: %d reminders, %d escalations", reminders, escalations)  # counts only
    return reminders, escalations


def _once(db, case, kind, now, now_iso, provider):
    """Mark and queue in one transaction; only the worker whose conditional update wins sends."""
    mark = queries.mark_reminded if kind == "reminder" else queries.mark_escalated
    with immediate(db):
        if not mark(db, case["id"], now_iso):
            return 0
        if kind == "reminder":
            send_reminder(db, case=case, provider=provider, now=now)
        else:
            send_escalation(db, case=case, provider=provider, recipients=alert_recipients(db), now=now)
        queries.add_event(db, case_id=case["id"], kind=kind, now=now)
        audit.record(db, action=kind, now=now, case_id=case["id"])
    return 1


def send_reminder(db, *, case, provider, now):
    """Halfway to the deadline and still unclaimed: one reminder to the team."""
    language = provider.language if provider else "nl"
    subject, text, html = render_email("partners_reminder", language=language, reference=case["reference"],
                                       due_at=case["due_at"], link=case_link(case), urgent=bool(case["urgent"]))
    for to in (provider.team_emails if provider else ()):
        enqueue(db, kind="reminder", to=to, subject=subject, text=text, html=html, case_id=case["id"], now=now)


def send_escalation(db, *, case, provider, recipients, now):
    """The deadline passed without first contact: one alert to the coordinators."""
    subject, text, html = render_email("partners_escalation", reference=case["reference"], due_at=case["due_at"],
                                       provider=provider.name if provider else None, link=case_link(case),
                                       urgent=bool(case["urgent"]))
    for to in recipients:
        enqueue(db, kind="escalation", to=to, subject=subject, text=text, html=html, case_id=case["id"], now=now)
