"""The coordinators' page to erase contact details on a worker's request, by reference code."""
from flask import make_response, request
from flask_babel import gettext as _

from ..staff.shell import render
from ..web import no_store
from . import privacy
from .forms import EraseForm
from .views import bp


def _coordinator_required(view):
    # The staff feature owns sign-in and roles; members get a 404, anonymous visitors sign in.
    from ..staff.auth import coordinator_required

    return coordinator_required(view)


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

    form = EraseForm()
    if request.method == "GET":
        return _page(form=form)
    if not form.validate():
        return _page(422, form=form)
    try:
        ids = privacy.erase_on_request(form.reference.data, user_id=current_user.id, source="coordinator")
    except privacy.UnknownReference:
        form.reference.errors.append(_("Er is geen aanmelding met deze referentiecode."))
        return _page(422, form=form)
    return _page(erased=len(ids), reference=form.reference.data, form=EraseForm(formdata=None))
