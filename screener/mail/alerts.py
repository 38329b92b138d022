"""Tell the coordinators, once, about e-mail that has not gone out for 24 hours."""
from flask import current_app

from .. import clock
from ..db import immediate
from . import queries
from .backoff import STUCK_AFTER
from .outbox import enqueue
from .render import render_email


def alert_stuck(db, now=None):
    """Queue one alert listing messages unsent for 24 hours (no content, no addresses); returns how many."""
    now = now or clock.now()
    with immediate(db):
        stuck = queries.stuck_unalerted(db, clock.iso(now - STUCK_AFTER))
        if not stuck:
            return 0
        subject, text, html = render_email("outbox_stuck", language="nl", messages=stuck, count=len(stuck))
        for address in current_app.config.get("COORDINATOR_EMAILS") or []:
            enqueue(db, kind="outbox_stuck", to=address, subject=subject, text=text, html=html, now=now)
        queries.mark_alerted(db, [row["id"] for row in stuck], clock.iso(now))
    return len(stuck)
