"""Staff identity and the staff shell: accounts, sign-in, sessions, the second factor, the layout around staff pages."""


def init_app(app):
    """Register the blueprint, sign-in, `flask users`, the staff layout and the demo accounts."""
    from .. import crypto, demo
    from ..mail.alerts import register_recipients
    from .coordinators import coordinator_addresses
    from . import account_views, auth, commands, shell, signin_views  # noqa: F401  (their routes)
    from . import demo as demodata
    from .blueprint import bp

    app.config.setdefault("PARTNER_INVITATION_HOURS", 48)
    app.config.setdefault("PARTNER_SIGNIN_LIMIT", "10 per minute; 50 per hour")
    # Sign-in attempts per account and source together, and the much higher cap per account alone (throttle.py).
    app.config.setdefault("PARTNER_SIGNIN_ACCOUNT_SOURCE_LIMIT", "5 per 15 minutes")
    app.config.setdefault("PARTNER_SIGNIN_ACCOUNT_LIMIT", "50 per hour")
    for column in (("users", "id", "totp_secret_encrypted"), ("invitations", "id", "totp_secret_encrypted")):
        if column not in crypto.ENCRYPTED_COLUMNS:
            crypto.ENCRYPTED_COLUMNS.append(column)
    auth.init_app(app)
    app.register_blueprint(bp)
    shell.use_staff_layout(app, bp.name)
    app.cli.add_command(commands.users_cli)
    register_recipients(app, coordinator_addresses)
    demo.register(app, "staff accounts", demodata.seed, order=10)
