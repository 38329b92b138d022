"""Privacy duties: the daily retention run and erasure on request, each in one transaction."""
import logging

from flask import current_app

from .. import audit, clock
from ..cards import sending as cards
from ..cases import queries as cases
from ..cases.withdrawal import erase_expired, withdraw
from ..db import get_db, immediate
from ..followup import queries as followup_queries
from ..materials.organisations import forget_old_logos
from ..screening import queries as screenings
from ..stories import sharing as stories
from ..webinars import live as webinars
from . import queries, retention

log = logging.getLogger(__name__)


class UnknownReference(LookupError):
    """No case carries this reference code."""


def normalise_reference(text):
    """A reference as typed (spaces, lower case) to the stored form, e.g. ' zs-7kq4m2 ' -> 'ZS-7KQ4M2'."""
    return "".join(str(text or "").split()).upper()


def run_retention(db=None):
    """Erase what is past its retention period. Returns the counts (no identities)."""
    db = db or get_db()
    config = current_app.config
    now = clock.now()
    limits = {name: clock.iso(moment) for name, moment in retention.cutoffs(
        now, config["RETENTION_CONTACT_DAYS"], config["RETENTION_ABANDONED_DAYS"],
        config["RETENTION_AUDIT_DAYS"]).items()}
    with immediate(db):
        stale = screenings.abandoned_with_details(db, limits["abandoned"])
        queries.add_aggregates(db, retention.aggregate(stale))
        screenings.strip_screenings(db, [s["id"] for s in stale])
        abandoned = screenings.mark_old_abandoned(db, limits["abandoned"])
        erased = erase_expired(db, limits["contact"], now)
        remarks = followup_queries.erase_remarks(db)  # of the cases erased now or withdrawn since the last run
        pruned = audit.prune(db, limits["audit"])
    counts = {"screenings_reduced": len(stale), "screenings_marked_abandoned": abandoned,
              "contacts_erased": erased, "followup_remarks_erased": remarks, "audit_entries_deleted": pruned}
    # The other features' clean-up, each in a transaction of its own: one that fails is logged and tried
    # again the next day, and never holds back the contact details above or another feature's.
    for name, step in (
        ("logos_deleted", lambda: forget_old_logos(db, now, config["MATERIALS_LOGO_DAYS"])),
        ("cards_deleted", lambda: cards.prune(db, now, config["CARDS_KEEP_DAYS"])),
        ("story_texts_erased", lambda: stories.forget_old_words(db, now)),
        ("webinar_questions_erased", lambda: webinars.forget_old_questions(db, now)),
    ):
        try:
            with immediate(db):
                counts[name] = step()
        except Exception:
            log.exception("retention step %s failed", name)
            counts[name] = "failed"
    log.info("retention run", extra=counts)
    return counts


def erase_on_request(reference, user_id=None, source="cli", db=None):
    """Erase the contact details of the case with `reference` and of every case linked to it.

    The same withdrawal as the worker's own link (open cases are closed as withdrawn), with an audit
    entry that records who did it. Returns the case ids.
    """
    db = db or get_db()
    now = clock.now()
    with immediate(db):
        case = cases.case_by_reference(db, normalise_reference(reference))
        if case is None:
            raise UnknownReference(reference)
        ids = withdraw(db, case["id"], now, by=source, user_id=user_id)
        followup_queries.erase_remarks(db, ids)
        audit.record(db, action="erased_on_request", now=now, user_id=user_id, case_id=case["id"],
                     source=source, cases=ids)
    log.info("erased on request", extra={"cases": len(ids), "source": source})
    return ids


def retention_job(app):
    """The worker's daily job."""
    run_retention()
