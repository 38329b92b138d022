"""The coordinators' page to erase contact details on a worker's request, by reference code."""
import re

from flask import make_response, request
from flask_babel import gettext as _

from ..staff.shell import render
from ..web import no_store
from . import privacy
from .views import bp

REFERENCE = re.compile(r"^ZS-[0-9A-Z]{6}$")


def _coordinator_required(view):
    # The staff feature owns sign-in and roles; members get a 404, anonymous visitors sign in.
    from ..staff.auth import coordinator_required

    return coordinator_required(view)


def check(form):
    """The entered values and the problems per field (Dutch)."""
    values = {"reference": privacy.normalise_reference(form.get("reference"))[:40],
              "checked": form.get("checked") == "1"}
    errors = {}
    if not REFERENCE.match(values["reference"]):
        errors["reference"] = _("Een referentiecode ziet eruit als ZS-7KQ4M2.")
    if not values["checked"]:
        errors["checked"] = _("Kijk eerst na dat de vraag van de werker zelf komt, en vink dit dan aan.")
    return values, errors


def _page(status=200, **context):
    context.setdefault("values", {"reference": "", "checked": False})
    context.setdefault("errors", {})
    context.setdefault("erased", 0)
    return no_store(make_response(render("ops/_erase.html", status=status, active="erase",
                                         title=_("Contactgegevens wissen"), **context)))


@bp.route("/partners/gegevens-wissen", methods=["GET", "POST"])
@_coordinator_required
def erase():
    """GET: the form. POST: erase the case's contact details (and linked cases), with an audit entry."""
    from flask_login import current_user

    if request.method == "GET":
        return _page()
    values, errors = check(request.form)
    if errors:
        return _page(422, values=values, errors=errors)
    try:
        ids = privacy.erase_on_request(values["reference"], user_id=current_user.id, source="coordinator")
    except privacy.UnknownReference:
        return _page(422, values=values, errors={"reference": _("Er is geen aanmelding met deze referentiecode.")})
    return _page(erased=len(ids), reference=values["reference"])
