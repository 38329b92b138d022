"""Demo accounts for `flask demo`: one coordinator and one member per active provider."""
import click

from .. import clock
from ..web import absolute_url
from . import accounts, queries
from .passwords import hash_password

DEMO_PASSWORD = "ZorgSamen-demo-2026"
# A fixed, published demo secret so the demo also works with REQUIRE_TOTP=true. Never use it for real.
DEMO_TOTP_SECRET = "ZORGSAMENDEMOTOTPGEHEIMVOORDEMOS"
COORDINATOR_EMAIL = "stuurgroep@demo.zorgsamen.example"


def member_email(provider_id):
    """The demo address of a provider's team member."""
    return f"{provider_id.replace('_', '-')}@demo.zorgsamen.example"


def seed(app, db):
    """Create the demo accounts (once) and print their credentials."""
    from ..cases.providers import get_providers

    now = clock.now()
    wanted = [(COORDINATOR_EMAIL, "coordinator", None)]
    wanted += [(member_email(p.id), "member", p.id) for p in get_providers() if p.active]
    missing = [account for account in wanted if queries.user_by_email(db, account[0]) is None]
    password_hash = hash_password(DEMO_PASSWORD) if missing else None  # one slow hash for every demo account
    for email, role, org_id in missing:
        accounts.create_active_user(db, email=email, role=role, org_id=org_id, password_hash=password_hash,
                                    totp_secret=DEMO_TOTP_SECRET, now=now)
    click.echo(f"Demo accounts (password {DEMO_PASSWORD}; sign in at {absolute_url('staff.sign_in')}):")
    for email, role, org_id in wanted:
        click.echo(f"  {email:48} {role}{' ' + org_id if org_id else ''}")
    if app.config.get("REQUIRE_TOTP"):
        click.echo(f"  Second factor: add the secret {DEMO_TOTP_SECRET} to an authenticator app.")
