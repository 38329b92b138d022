"""Pages that belong to no single feature: home, privacy, language choice, health."""
from urllib.parse import urlsplit

from flask import Blueprint, current_app, redirect, request, session, url_for

from .web import render

bp = Blueprint("core", __name__)


@bp.get("/")
def home():
    """The landing page: what the site offers, in one screen."""
    return render("core/_home.html")


@bp.get("/privacy")
def privacy():
    """What is stored, why, for how long, who sees it, and the worker's rights."""
    return render("core/_privacy.html", title="Privacy")


@bp.route("/taal/<code>", methods=["GET", "POST"])
def set_language(code):
    """Switch the interface language and go back to the page the visitor was on."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_return_path(request.values.get("next") or request.referrer))


def safe_return_path(target):
    """Only a local path is followed, never another site (open redirect)."""
    if not target:
        return url_for("core.home")
    parts = urlsplit(target)
    if parts.netloc and parts.netloc != request.host:
        return url_for("core.home")
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//"):
        return url_for("core.home")
    return path + (f"?{parts.query}" if parts.query else "")
