"""Records campaign arrivals and what the visitor did that day, cookieless, as per-day tallies.

A visitor is recognised for one day only, by the visits' daily secret (screener.visits.rules):
the arrival table holds (day, pseudonym, code), and every later screening or request of that
pseudonym that day adds one to its code's tally. Nothing is stored on a screening or a case.
"""
import logging

from flask import redirect, request

from .. import clock
from ..clock import local_day
from ..db import get_db, immediate
from ..visits import queries as visit_queries
from ..visits import rules as visit_rules
from . import codes, queries, rules

log = logging.getLogger(__name__)


def _pseudonym(db, day):
    """Today's campaign pseudonym of the client (inside the caller's transaction)."""
    return visit_rules.visitor_hash(visit_queries.day_secret(db, day), request.remote_addr,
                                    request.headers.get("User-Agent"), rules.SECTION)


def note_arrival(code):
    """Remember that a visitor came through `code` today and count the visit once per visitor and day.

    An unknown or invalid code, or a bot, is ignored without a word; a failure never costs the page.
    """
    code = (code or "").strip().lower()  # typed from a poster, perhaps in capitals
    if not codes.is_valid_code(code) or visit_rules.is_bot(request.headers.get("User-Agent")):
        return
    try:
        db = get_db()
        day = local_day(clock.now()).isoformat()
        with immediate(db):
            if not queries.code_exists(db, code):
                return
            visitor = _pseudonym(db, day)
            if queries.arrival_code(db, day, visitor) != code:
                queries.note_arrival(db, day, visitor, code)
                queries.add_tally(db, day, code, "visit")
    except Exception:
        log.exception("campaign arrival not recorded")


def count(metric):
    """Add one to `metric` for the code that brought this visitor today, if any (never breaks a page)."""
    try:
        db = get_db()
        if not queries.has_arrivals(db):  # no campaign visitor at all: no write lock for nothing
            return
        day = local_day(clock.now()).isoformat()
        with immediate(db):
            queries.forget_old_arrivals(db, day)  # a new day: yesterday's pseudonyms go at once
            code = queries.arrival_code(db, day, _pseudonym(db, day))
            if code:
                queries.add_tally(db, day, code, metric)
    except Exception:
        log.exception("campaign %s not counted", metric)


def screening_completed(returning_raw):
    """A screening was completed: count it for the visitor's campaign and count the returning answer."""
    count("screening_completed")
    answer = rules.returning_answer(returning_raw)
    if answer:
        try:
            db = get_db()
            with immediate(db):
                queries.add_returning_answer(db, local_day(clock.now()).isoformat(), answer)
        except Exception:
            log.exception("returning answer not counted")


def source_from_query():
    """before_request hook: ?bron=<code> on a page is recorded, then the page loads again without it."""
    if rules.SOURCE_PARAM not in request.args or request.method not in ("GET", "HEAD"):
        return None
    note_arrival(request.args.get(rules.SOURCE_PARAM, ""))
    return redirect(rules.without_source(request.path, request.args.items(multi=True)), code=302)


def forget_old_arrivals_job(app):
    """Worker job: yesterday's arrivals go once the day is over, even when nobody arrives today."""
    db = get_db()
    with immediate(db):
        queries.forget_old_arrivals(db, local_day(clock.now()).isoformat())
