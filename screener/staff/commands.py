"""`flask users ...`: create accounts and invitations from the command line."""
import click
from flask.cli import AppGroup, with_appcontext

from .. import clock
from ..db import get_db
from ..mail.addresses import is_valid_address
from . import accounts, queries


@click.group("users", cls=AppGroup)
def users_cli():
    """Partner accounts (provider members and coordinators)."""


@users_cli.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice(accounts.ROLES), default="member", show_default=True)
@click.option("--org", "org_id", help="Provider id from providers.yml (members only).")
@click.option("--name", default=None)
@with_appcontext
def add_command(email, role, org_id, name):
    """Create an account and print its single-use invitation link (also e-mailed)."""
    from ..cases.providers import get_provider

    if role == "member" and (not org_id or get_provider(org_id) is None):
        raise click.UsageError("--org must be a provider id from providers.yml for a member")
    if not is_valid_address(email.strip()):
        raise click.UsageError(f"{email!r} is not an e-mail address we can send to")
    try:
        link = accounts.invite(get_db(), email=email, role=role, org_id=org_id, name=name, now=clock.now())
    except accounts.AccountError as exc:
        raise click.ClickException(exc.message)
    click.echo(f"Account created: {email.strip().lower()} ({role}{', ' + org_id if org_id else ''})")
    click.echo(f"Invitation link (single use): {link}")


@users_cli.command("list")
@with_appcontext
def list_command():
    """Every account with its role, organisation and state."""
    for user in queries.all_users(get_db()):
        state = "disabled" if user["disabled_at"] else ("active" if user["activated_at"] else "invited")
        click.echo(f"{user['email']:40} {user['role']:12} {user['org_id'] or '-':24} {state}")
