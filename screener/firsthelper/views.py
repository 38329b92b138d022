"""First-helper views."""
from flask import Blueprint

from ..web import render

bp = Blueprint("firsthelper", __name__)


@bp.get("/eerste-helper")
def index():
    """Start of the first-helper decision tree."""
    return render("core/_placeholder.html", title="Eerste helper")
