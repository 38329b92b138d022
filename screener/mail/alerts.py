"""Tell the coordinators, once, about e-mail that has not gone out for 24 hours."""
import logging

from .. import clock
from ..db import immediate
from ..staff.coordinators import coordinator_addresses
from . import queries
from .backoff import STUCK_AFTER
from .outbox import enqueue
from .render import render_email

log = logging.getLogger(__name__)


def alert_stuck(db, now=None):
    """Queue one alert listing messages unsent for 24 hours (no content, no addresses); returns how many.

    The alert goes to the configured COORDINATOR_EMAILS and every active coordinator account. With
    nobody to tell, the messages stay unalerted, so the alert goes out once someone can receive it.
    """
    now = now or clock.now()
    with immediate(db):
        stuck = queries.stuck_unalerted(db, clock.iso(now - STUCK_AFTER))
        if not stuck:
            return 0
        recipients = coordinator_addresses(db)
        if not recipients:
            log.warning("outbox: %d messages unsent for 24 hours, no coordinator address to alert", len(stuck))
            return 0
        subject, text, html = render_email("outbox_stuck", language="nl", messages=stuck, count=len(stuck))
        for address in recipients:
            enqueue(db, kind="outbox_stuck", to=address, subject=subject, text=text, html=html, now=now)
        queries.mark_alerted(db, [row["id"] for row in stuck], clock.iso(now))
    return len(stuck)
