"""Provider team views."""
from flask import Blueprint

from ..web import render

bp = Blueprint("partners", __name__, url_prefix="/partners")


@bp.get("/")
def case_list():
    """The team's cases."""
    return render("core/_placeholder.html", title="Dossiers")


@bp.get("/dossier/<token>")
def case_detail(token):
    """One case, opened from the e-mailed case link (after sign-in)."""
    return render("core/_placeholder.html", title="Dossier")
