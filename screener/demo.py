"""`flask demo`: fill the database with demo data, so a newcomer sees a living site."""
import click
from flask import current_app
from flask.cli import with_appcontext

from .db import get_db


def register(app, name, seeder, order=50):
    """Register `seeder(app, db)`; seeders run in `order`, each prints what it made."""
    app.extensions.setdefault("demo_seeders", []).append((order, name, seeder))


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Only when the database holds no screenings yet.")
@with_appcontext
def demo_command(if_empty):
    """Create demo accounts and a realistic history of visits, screenings, requests and cases."""
    from .ops.settings import is_true

    if is_true(current_app.config.get("PRODUCTION", False)):
        # Demo accounts share a published password and second-factor secret.
        raise click.ClickException("Refusing to add demo data in production (PRODUCTION is on): "
                                   "demo accounts have a published password and TOTP secret.")
    db = get_db()
    if if_empty and db["screenings"].count:
        click.echo("Demo data: the database already holds data; nothing added.")
        return
    for _order, name, seeder in sorted(current_app.extensions.get("demo_seeders", []), key=lambda s: s[:2]):
        seeder(current_app._get_current_object(), db)
        click.echo(f"Demo data: {name} done.")


def init_app(app):
    app.cli.add_command(demo_command)
