"""The SLA clock job in `flask worker`: one reminder, one escalation per case, through the outbox."""
import logging

from .. import clock
from ..db import get_db, immediate
from ..referral.providers import get_provider
from ..referral.workingtime import DEFAULT_WORKING_HOURS
from . import mailing, queries, sla
from ..staff.coordinators import coordinator_addresses

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
            mailing.send_reminder(db, case=case, provider=provider, now=now)
        else:
            recipients = coordinator_addresses(db)
            mailing.send_escalation(db, case=case, provider=provider, recipients=recipients, now=now)
        queries.add_event(db, case_id=case["id"], kind=kind, now=now)
        queries.audit(db, action=kind, now=now, case_id=case["id"])
    return 1
