"""First-helper views: one URL per node of the tree, the media files, and the play count."""
import logging
import sqlite3

from flask import Blueprint, current_app, request, send_from_directory, url_for
from flask_babel import gettext as _

from .. import clock
from ..content import get, localized
from ..db import get_db
from ..errors import abort_with
from ..extensions import current_language
from ..visits.rules import is_bot
from ..web import render
from . import content, queries, tree
from .counting import count_day

bp = Blueprint("firsthelper", __name__)
log = logging.getLogger(__name__)


@bp.get("/eerste-helper")
def index():
    """Start of the first-helper decision tree."""
    return show(get("firsthelper")["start"])


@bp.get("/eerste-helper/<node_id>")
def node(node_id):
    """One statement with its choices, or a leaf with its video and tips; ?pad= carries the walk so far."""
    return show(node_id)


@bp.post("/eerste-helper/<node_id>/afgespeeld")
def played(node_id):
    """Count one play of a leaf's video (sent once per page view by static/js/app.js)."""
    nodes = get("firsthelper")["nodes"]
    if node_id not in nodes or not tree.is_leaf(nodes[node_id]):
        abort_with(404, _("Dit filmpje bestaat niet (meer)."))
    _count(node_id, "play")
    return "", 204


@bp.get("/eerste-helper/media/<path:filename>")
def media(filename):
    """A video, poster or caption file from the configured media folder (FIRSTHELPER_MEDIA_DIR)."""
    mimetype = "text/vtt" if filename.endswith(".vtt") else None
    return send_from_directory(content.media_dir(current_app), filename, mimetype=mimetype, max_age=86400)


def show(node_id):
    """Render a node as a page or, for an htmx swap, as the fragment that replaces the previous node."""
    data = get("firsthelper")
    nodes = data["nodes"]
    if node_id not in nodes:
        abort_with(404, _("Deze stap bestaat niet (meer). Begin gerust opnieuw bij de eerste vraag."))
    steps = tree.checked_path(data, tree.parse_path(request.args.get("pad", ""), len(nodes)), node_id)
    # A HEAD request (link checkers) or a crawler is no visit, as for the page views.
    if request.method == "GET" and not is_bot(request.headers.get("User-Agent")):
        _count(node_id, "visit")
    language = current_language()
    text = lambda value: localized(value, language)  # noqa: E731 - a template helper
    current = nodes[node_id]
    leaf = tree.is_leaf(current)
    page_title = text(current["title"] if leaf else current["question"])
    return render(
        "firsthelper/_node.html",
        title=page_title,
        page_title=page_title,  # render() keeps `title` for the full page only; the fragment needs it too
        node_id=node_id,
        node=current,
        leaf=leaf,
        text=text,
        language=language,
        trail=_trail(nodes, steps, text),
        choice_url=lambda number: _node_url(current["choices"][number]["to"], steps + [(node_id, number)]),
        media_url=lambda name: url_for("firsthelper.media", filename=name),
    )


def _trail(nodes, steps, text):
    """The breadcrumb: each earlier question, a link back to it, and the answer chosen there."""
    return [
        {
            "url": _node_url(at, steps[:position]),
            "question": text(nodes[at]["question"]),
            "chosen": text(nodes[at]["choices"][number]["label"]),
        }
        for position, (at, number) in enumerate(steps)
    ]


def _node_url(node_id, steps):
    if node_id == get("firsthelper")["start"]:
        return url_for("firsthelper.index")
    return url_for("firsthelper.node", node_id=node_id, pad=tree.format_path(steps) or None)


def _count(node_id, kind):
    """Add one to today's count; a busy database must not cost the visitor the page."""
    try:
        queries.add_one(get_db(), count_day(clock.now()), node_id, kind)
    except sqlite3.OperationalError:
        log.warning("first-helper %s count for %s lost: database busy", kind, node_id)
