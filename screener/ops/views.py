"""Ops routes: the health endpoint for the load balancer and monitoring."""
import logging
import sqlite3

from flask import Blueprint, current_app, jsonify

from .. import clock
from ..db import get_db
from ..extensions import csrf, limiter
from ..mail.queries import backlog
from . import health, queries

log = logging.getLogger(__name__)
bp = Blueprint("ops", __name__)


@bp.get("/gezondheid")
@limiter.exempt
@csrf.exempt
def health_check():
    """Database and outbox state as JSON (counts only); 503 when unhealthy."""
    database_ok, waiting, oldest, dead = False, 0, None, 0
    try:
        db = get_db()
        database_ok = queries.database_answers(db)
        waiting, oldest_text, dead = backlog(db)
        oldest = clock.parse(oldest_text)
    except sqlite3.Error as exc:
        log.error("health check: database error", extra={"error": type(exc).__name__})
        database_ok = False
    config = current_app.config
    healthy, report = health.assess(database_ok, waiting, oldest, dead, clock.now(),
                                    config["HEALTH_OUTBOX_MAX_AGE_MINUTES"], config["HEALTH_OUTBOX_MAX_PENDING"])
    response = jsonify(report)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def strict_transport(response):
    """In production the site is only ever reached over https: browsers remember that for a year."""
    response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def database_unavailable(exc):
    """The database refused a read or write (locked too long, read-only, disk full): 503, ask to retry or call.

    Every write is one transaction, so nothing half-written stays behind and no "thank you" was shown.
    """
    from ..errors import render_error

    log.error("database unavailable", extra={"error": type(exc).__name__, "reason": _reason(exc)})
    body, status = render_error(503)
    return body, status, {"Retry-After": "60", "Cache-Control": "no-store"}


def _reason(exc):
    """SQLite's short error text ("database or disk is full"); it never holds submitted values."""
    return str(exc).split(":", 1)[0][:80]
