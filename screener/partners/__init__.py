"""Provider teams follow up every request: accounts, sign-in, the case list and page (the case life: screener/cases/)."""


def init_app(app):
    """Register the blueprint, sign-in, the commands, the alert recipients and the demo accounts."""
    from .. import crypto, demo
    from ..mail.alerts import register_recipients
    from . import auth, commands, demodata, display
    from .coordinators import coordinator_addresses
    from .views import bp

    app.config.setdefault("PARTNER_INVITATION_HOURS", 48)
    app.config.setdefault("PARTNER_SIGNIN_LIMIT", "10 per minute; 50 per hour")
    # Sign-in attempts per account and source together, and the much higher cap per account alone (throttle.py).
    app.config.setdefault("PARTNER_SIGNIN_ACCOUNT_SOURCE_LIMIT", "5 per 15 minutes")
    app.config.setdefault("PARTNER_SIGNIN_ACCOUNT_LIMIT", "50 per hour")
    for column in (("users", "id", "totp_secret_encrypted"), ("invitations", "id", "totp_secret_encrypted")):
        if column not in crypto.ENCRYPTED_COLUMNS:
            crypto.ENCRYPTED_COLUMNS.append(column)
    auth.init_app(app)
    display.register_filters(app)
    app.register_blueprint(bp)
    app.cli.add_command(commands.users_cli)
    register_recipients(app, coordinator_addresses)
    demo.register(app, "provider accounts", demodata.seed, order=10)
