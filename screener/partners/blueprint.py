"""The partners blueprint and what its pages share: labels, and the case counts the staff navigation shows."""
from flask import Blueprint, g

from .. import clock
from ..cases import queries
from ..db import get_db
from ..staff.auth import current_user
from ..web import no_store
from . import display

bp = Blueprint("partners", __name__, url_prefix="/partners")
bp.after_request(no_store)


@bp.context_processor
def labels_context():
    """The case labels every partner template reads."""
    return {"labels": display}


def nav_context():
    """What the staff navigation shows of casework; `partner_counts` is a callable, so only the nav runs the counts."""
    return {"partner_counts": nav_counts, "status_labels": display.LIST_LABELS}


def nav_counts():
    """Counts per status for the navigation, queried once per request when the nav first asks.

    Only the navigation calls it, so pages and e-mails without it run no counts.
    """
    if "partner_nav_counts" not in g:
        g.partner_nav_counts = queries.count_cases(
            get_db(), org_id=None if current_user.is_coordinator else current_user.org_id,
            now_iso=clock.iso(clock.now()))
    return g.partner_nav_counts
