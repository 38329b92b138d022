"""The partners blueprint and what all its pages share: navigation counts, providers, CSRF checks."""
from flask import Blueprint, g
from flask_babel import gettext as _

from .. import clock
from ..db import get_db
from ..web import no_store
from . import display, queries
from ..staff.auth import current_user

bp = Blueprint("partners", __name__, url_prefix="/partners")
bp.after_request(no_store)


@bp.context_processor
def nav_context():
    """What the partners' navigation needs; `partner_counts` is a callable, so only the nav runs the counts."""
    if not current_user.is_authenticated:
        return {}
    provider = providers_by_id().get(current_user.org_id) if current_user.org_id else None
    return {"partner_counts": nav_counts, "status_labels": display.STATUS_LABELS, "labels": display,
            "partner_org_name": provider.name if provider else current_user.org_id}


def nav_counts():
    """Counts per status for the navigation, queried once per request when the nav first asks.

    Every render_template in a partners request (e-mails included) runs the context processor;
    the counts are only computed where the navigation is actually shown.
    """
    if "partner_nav_counts" not in g:
        g.partner_nav_counts = queries.count_cases(
            get_db(), org_id=None if current_user.is_coordinator else current_user.org_id,
            now_iso=clock.iso(clock.now()))
    return g.partner_nav_counts


def csrf_ok():
    """True when the posted form carries a valid CSRF token (forms without other fields)."""
    from flask_wtf import FlaskForm

    return FlaskForm().validate()


def providers_by_id():
    """Every configured provider by id."""
    from ..referral.providers import get_providers

    return {p.id: p for p in get_providers()}


def provider_choices(exclude=None, only_active=True):
    """(id, label) pairs for a provider select, optionally without one provider or inactive ones."""
    return [(p.id, f"{p.name} ({_('trap %(step)s', step=p.step)})") for p in providers_by_id().values()
            if p.id != exclude and (p.active or not only_active)]
