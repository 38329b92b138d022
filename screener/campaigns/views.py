"""The short link /c/<code>: a poster's or newsletter's way in (the coordinators' campaign page is in reports)."""
from flask import Blueprint, redirect, url_for

from ..web import absolute_url
from . import tracking

bp = Blueprint("campaigns", __name__)


@bp.get("/c/<code>")
def arrive(code):
    """A poster's or newsletter's short link: note the arrival, then the screener's start page.

    The code never reaches the next address, so it stays out of the address bar; the request log
    only names the route pattern /c/<code>. An unknown code leads to the same place, silently.
    """
    tracking.note_arrival(code)
    return redirect(url_for("screening.intro"), code=302)


def short_link(code):
    """The public short link of a code."""
    return absolute_url("campaigns.arrive", code=code)
