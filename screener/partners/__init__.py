"""Provider teams follow up every request: accounts, the case list and page, the audit log, the SLA clock."""


def init_app(app):
    """Register the blueprint, sign-in, the commands, the SLA clock job and the demo accounts."""
    from .. import crypto, demo, worker
    from . import clockjob, display
    from ..staff import demo as demodata
    from ..staff import auth, commands
    from .views import bp

    app.config.setdefault("PARTNER_INVITATION_HOURS", 48)
    app.config.setdefault("PARTNER_MIN_ATTEMPTS", 3)
    app.config.setdefault("PARTNER_SIGNIN_LIMIT", "10 per minute; 50 per hour")
    app.config.setdefault("PARTNER_SIGNIN_ACCOUNT_LIMIT", "5 per 15 minutes")
    app.config.setdefault("SLA_CLOCK_SECONDS", 60)
    for column in (("users", "id", "totp_secret_encrypted"), ("invitations", "id", "totp_secret_encrypted")):
        if column not in crypto.ENCRYPTED_COLUMNS:
            crypto.ENCRYPTED_COLUMNS.append(column)
    auth.init_app(app)
    display.register_filters(app)
    app.register_blueprint(bp)
    app.cli.add_command(commands.users_cli)
    worker.register(app, "sla_clock", clockjob.run, app.config["SLA_CLOCK_SECONDS"])
    demo.register(app, "provider accounts", demodata.seed, order=10)
