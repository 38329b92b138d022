"""The staff blueprint (sign-in, invitations, accounts) and helpers every staff page shares."""
from flask import Blueprint
from flask_babel import gettext as _

from ..web import no_store

# The staff pages keep the /partners addresses that provider teams already know.
bp = Blueprint("staff", __name__, url_prefix="/partners")
bp.after_request(no_store)


def csrf_ok():
    """True when the posted form carries a valid CSRF token (forms without other fields)."""
    from ..forms import Form

    return Form().validate()


def providers_by_id():
    """Every configured provider by id."""
    from ..cases.providers import get_providers

    return {p.id: p for p in get_providers()}


def provider_choices(exclude=None, only_active=True):
    """(id, label) pairs for a provider select, optionally without one provider or inactive ones."""
    return [(p.id, f"{p.name} ({_('trap %(step)s', step=p.step)})") for p in providers_by_id().values()
            if p.id != exclude and (p.active or not only_active)]
