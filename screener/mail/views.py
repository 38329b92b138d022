"""Development mailbox: read the e-mails the site would have sent (debug or DEV_MAILBOX only)."""
from flask import Blueprint, abort, current_app

from ..db import get_db
from ..web import render
from . import queries
from .outbox import recipient
from .sender import uses_dev_mailbox

bp = Blueprint("mail", __name__, url_prefix="/dev/mailbox")


@bp.before_request
def only_in_development():
    # Outside development this page does not exist at all.
    if not (current_app.debug or current_app.config.get("DEV_MAILBOX")):
        abort(404)


def _with_recipient(row):
    return {**row, "to": recipient(row) if row["to_addr"] else None}


@bp.get("/")
def inbox():
    """Every e-mail in the outbox, newest first."""
    rows = [_with_recipient(r) for r in queries.mailbox(get_db())]
    return render("mail/_mailbox.html", title="Mailbox", messages=rows,
                  smtp=not uses_dev_mailbox(current_app.config))


@bp.get("/<int:message_id>")
def show(message_id):
    """One e-mail with its plain text."""
    row = queries.message(get_db(), message_id)
    if row is None:
        abort(404)
    return render("mail/_message.html", title=row["subject"], message=_with_recipient(row))
