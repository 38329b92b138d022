"""Counts page views as they are served: first-party, cookieless for identity, no address stored."""
import logging

from flask import current_app, request

from .. import clock
from ..db import get_db, immediate
from ..web import wants_fragment
from . import queries, visits
from .periods import local_day

log = logging.getLogger(__name__)
SKIPPED_PREFIXES = ("/rapporten", "/partners", "/dev/", "/static")  # staff pages and tools are no visits


def should_count(response):
    """Only a successful GET of a whole HTML page by a person, not an htmx fragment or a bot."""
    return (
        request.method == "GET"
        and response.status_code == 200
        and response.mimetype == "text/html"
        and request.endpoint not in (None, "static")
        and not request.path.startswith(SKIPPED_PREFIXES)
        and not wants_fragment()
        and not visits.is_bot(request.headers.get("User-Agent"))
    )


def page_of_request():
    """The route pattern (e.g. /zaak/<token>), never the real path, so no token is ever stored."""
    return request.url_rule.rule if request.url_rule else request.path


def record(db, now, page, address, agent, first_visit_cookie):
    """Store one page view in today's visit of this visitor (one write transaction)."""
    day = local_day(now).isoformat()
    at = clock.iso(now)
    with immediate(db):
        visitor = visits.visitor_hash(queries.day_secret(db, day), address, agent, visits.section_of(page))
        last = queries.last_visit(db, day, visitor)
        if last and visits.continues_visit(clock.parse(last[1]), now):
            visit_id = last[0]
            queries.extend_visit(db, visit_id, at)
        else:
            returning = visits.is_returning(first_visit_cookie, local_day(now))
            visit_id = queries.start_visit(db, day, visitor, at, returning)
        queries.add_page_view(db, day, at, page, visitor, visit_id)


def count_page_view(response):
    """after_request hook: count the view and keep the first-visit date cookie; never breaks a page."""
    if not current_app.config.get("VISIT_COUNTING", True) or not should_count(response):
        return response
    now = clock.now()
    cookie = request.cookies.get(visits.FIRST_VISIT_COOKIE)
    try:
        record(get_db(), now, page_of_request(), request.remote_addr, request.headers.get("User-Agent"), cookie)
    except Exception:  # counting must never cost a visitor their page
        log.exception("page view not counted")
        return response
    value = visits.first_visit_value(cookie, local_day(now))
    if value != cookie:
        response.set_cookie(
            visits.FIRST_VISIT_COOKIE, value, max_age=visits.FIRST_VISIT_DAYS * 86400,
            secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True, samesite="Lax",
        )
    return response


def forget_old_secrets_job(app):
    """Worker job: once a day is over its secret goes, even when nobody visits the next day."""
    db = get_db()
    with immediate(db):
        queries.forget_old_secrets(db, local_day(clock.now()).isoformat())
