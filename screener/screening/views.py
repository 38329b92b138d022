"""Screener views."""
from flask import Blueprint

from ..web import render

bp = Blueprint("screening", __name__)


@bp.get("/screener")
def intro():
    """Start page of the screener."""
    return render("core/_placeholder.html", title="Screener")
