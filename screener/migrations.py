"""The schema, as sqlite-utils Migrations sets, one per feature, applied in this order.

Each feature owns its set in its own `schema.py`; a schema step is one decorated
function that is never edited after it shipped (add a new step instead). A database records
each applied step as (set name, function name): a set that moves to another package keeps
its name, or every existing database would run its steps again.

`migrate` and `flask init-db` live here rather than in db.py, so the lowest module knows no feature.
"""
import click
from flask import current_app
from flask.cli import with_appcontext

from .db import connect, get_db, immediate


def all_sets():
    """Every migration set, dependencies first."""
    from . import audit
    from .cards import schema as cards
    from .firsthelper import schema as firsthelper
    from .followup import schema as followup
    from .mail import schema as mail
    from .materials import schema as materials
    from .ops import schema as ops
    from .cases import schema as cases
    from .reports import schema as reports
    from .screening import schema as screening
    from .staff import schema as staff
    from .stories import schema as stories
    from .visits import schema as visits
    from .campaigns import schema as campaigns
    from .webinars import schema as webinars

    return [
        screening.migrations,
        cases.migrations,
        mail.migrations,
        staff.migrations,
        audit.migrations,
        firsthelper.migrations,
        visits.migrations,
        reports.migrations,
        ops.migrations,
        followup.migrations,
        campaigns.migrations,
        materials.migrations,
        webinars.migrations,
        cards.migrations,
        stories.migrations,
    ]


def migrate(db):
    """Apply every pending schema step of every feature, in order. Idempotent.

    One immediate transaction, so that several workers starting at once migrate one after another.
    """
    with immediate(db):
        for migration_set in all_sets():
            migration_set.apply(db)


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Create or upgrade the database schema."""
    db = get_db()
    migrate(db)
    click.echo(f"Database ready: {current_app.config['DATABASE']}")


def init_app(app):
    """Register `flask init-db` and apply pending migrations at start."""
    app.cli.add_command(init_db_command)
    db = connect(app.config["DATABASE"])
    try:
        migrate(db)
    finally:
        db.close()
