"""Coordinator reports."""
from flask import Blueprint

from ..web import render

bp = Blueprint("reports", __name__, url_prefix="/rapporten")


@bp.get("/")
def dashboard():
    """The steering group's dashboard."""
    return render("core/_placeholder.html", title="Rapporten")
