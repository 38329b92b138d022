"""E-mail: the outbox, the sender (command and worker job), alerts and the development mailbox."""
import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext


@click.group("outbox", cls=AppGroup)
def outbox_cli():
    """The e-mail outbox."""


@outbox_cli.command("send")
@with_appcontext
def send_command():
    """Send every e-mail that is due now (retries included) and report the numbers."""
    from ..db import get_db
    from .sender import send_due

    result = send_due(current_app._get_current_object(), get_db())
    click.echo(f"Outbox: {result['sent']} verstuurd, {result['failed']} mislukt (later opnieuw).")


@outbox_cli.command("status")
@with_appcontext
def status_command():
    """How many messages are pending, sent, dead."""
    from ..db import get_db
    from .queries import counts_by_status

    counts = counts_by_status(get_db())
    click.echo(", ".join(f"{status}: {n}" for status, n in sorted(counts.items())) or "Outbox leeg.")


def send_job(app):
    """Worker job: send what is due."""
    from ..db import get_db
    from .sender import send_due

    send_due(app, get_db())


def stuck_job(app):
    """Worker job: alert the coordinators about e-mail unsent for 24 hours."""
    from ..db import get_db
    from .alerts import alert_stuck

    alert_stuck(get_db())


def load_mail_settings(app):
    """Content loader: the configured addresses (COORDINATOR_EMAILS, MAIL_DEFAULT_SENDER) pass the address check.

    A bad one stops start-up, instead of a message that can never be sent (and is given up) later.
    """
    from ..content import ContentError, ContentErrors
    from .addresses import AddressError, normalized_address, sender_problem

    problems = []
    coordinators = app.config.get("COORDINATOR_EMAILS") or []
    if not isinstance(coordinators, (list, tuple)):
        problems.append(ContentError("config", "COORDINATOR_EMAILS", "moet een lijst van e-mailadressen zijn"))
        coordinators = []
    for address in coordinators:
        try:
            normalized_address(address.strip() if isinstance(address, str) else address)
        except AddressError:
            problems.append(ContentError("config", "COORDINATOR_EMAILS", f"{address!r} is geen geldig e-mailadres"))
    problem = sender_problem(app.config.get("MAIL_DEFAULT_SENDER"))
    if problem:
        problems.append(ContentError("config", "MAIL_DEFAULT_SENDER", problem))
    if problems:
        raise ContentErrors(problems)
    return {"coordinator_emails": list(coordinators)}


def init_app(app):
    """Register the development mailbox, the outbox command and the worker jobs."""
    from .. import content, worker
    from .views import bp

    app.config.setdefault("DEV_MAILBOX", False)
    app.config.setdefault("OUTBOX_INTERVAL_SECONDS", 5)
    app.register_blueprint(bp)
    app.cli.add_command(outbox_cli)
    content.register(app, "mail_settings", load_mail_settings)
    worker.register(app, "outbox", send_job, app.config["OUTBOX_INTERVAL_SECONDS"])
    worker.register(app, "outbox_stuck_alert", stuck_job, 300)
