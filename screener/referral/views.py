"""Contact request views."""
from flask import Blueprint

from ..web import render

bp = Blueprint("referral", __name__)


@bp.get("/aanmelden")
def request_form():
    """The form to ask to be contacted."""
    return render("core/_placeholder.html", title="Aanmelden")
