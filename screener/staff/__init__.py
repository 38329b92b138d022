"""Staff identity and the staff shell: accounts, sign-in, sessions, the second factor, the layout around staff pages."""


def init_app(app):
    """Register the blueprint, sign-in, `flask users`, the staff layout and the demo accounts."""
    from .. import crypto, demo
    from . import account_views, auth, commands, shell, signin_views  # noqa: F401  (their routes)
    from . import demo as demodata
    from .blueprint import bp

    app.config.setdefault("PARTNER_INVITATION_HOURS", 48)
    app.config.setdefault("PARTNER_SIGNIN_LIMIT", "10 per minute; 50 per hour")
    app.config.setdefault("PARTNER_SIGNIN_ACCOUNT_LIMIT", "5 per 15 minutes")
    for column in (("users", "id", "totp_secret_encrypted"), ("invitations", "id", "totp_secret_encrypted")):
        if column not in crypto.ENCRYPTED_COLUMNS:
            crypto.ENCRYPTED_COLUMNS.append(column)
    auth.init_app(app)
    app.register_blueprint(bp)
    shell.use_staff_layout(app, bp.name)
    app.cli.add_command(commands.users_cli)
    demo.register(app, "staff accounts", demodata.seed, order=10)
