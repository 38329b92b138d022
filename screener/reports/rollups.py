"""The worker's rollup job: each feature keeps the totals of its settled days, so the reports stay fast over years.

Run hourly (config ROLLUP_EVERY_SECONDS); a day is rolled up once. Visits of a past day never change;
a screening can still move a day after it started (STALE_AFTER), so its days wait SCREENING_SETTLE_DAYS.
Each feature rolls up in its own transaction: one that fails does not keep the other's totals back.
"""
import logging
from datetime import timedelta

from .. import clock
from ..db import get_db, immediate
from ..screening import queries as screening_queries
from ..visits import queries as visit_queries
from .dashboard import STALE_AFTER

log = logging.getLogger(__name__)
SCREENING_SETTLE_DAYS = 2


def roll_up(app, now=None):
    """Roll up every settled day not rolled up yet; returns {feature: days rolled up}."""
    now = now or clock.now()
    today = clock.local_day(now)
    db = get_db()
    steps = {
        "visits": lambda: visit_queries.roll_up(db, today.isoformat()),
        "screenings": lambda: screening_queries.roll_up(
            db, (today - timedelta(days=SCREENING_SETTLE_DAYS)).isoformat(), clock.iso(now - STALE_AFTER)),
    }
    done = {}
    for name, step in steps.items():
        try:
            with immediate(db):
                done[name] = step()
        except Exception:  # the other feature's totals still go ahead; this one retries next run
            log.exception("rollup of %s failed", name)
    return done
