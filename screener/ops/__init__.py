"""Production readiness: settings checks, health, structured logs, backup/restore, retention, erasure."""
import os
import sqlite3


def init_app(app):
    """Check production settings, then register logs, the health route, the commands and the retention job."""
    from .. import worker
    from ..staff import shell
    from . import cli, erase_view, logs, privacy, settings, views  # noqa: F401 (erase_view adds a route)

    _apply_defaults(app, settings)
    production = settings.is_true(app.config["PRODUCTION"])
    if production:
        problems = settings.production_problems(app.config, os.environ) + _demo_account_problems(app)
        if problems:
            raise settings.UnsafeProductionSettings(problems)  # exits with the list on stderr
        app.after_request(views.strict_transport)
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)

    if app.config["LOG_JSON"] and not app.testing:
        logs.configure(app.config["LOG_LEVEL"])
    app.before_request(logs.start_timer)
    app.after_request(logs.log_request)

    _quiet_development_server()
    app.register_blueprint(views.bp)
    shell.use_staff_layout(app, "ops.erase")
    app.register_error_handler(sqlite3.OperationalError, views.database_unavailable)
    for command in cli.COMMANDS:
        app.cli.add_command(command)
    worker.register(app, "retention", privacy.retention_job, app.config["RETENTION_EVERY_SECONDS"])


def _quiet_development_server():
    """`flask run` leaves out its `Server: Werkzeug/... Python/...` header, as gunicorn.conf.py does for gunicorn."""
    from werkzeug.serving import WSGIRequestHandler

    if getattr(WSGIRequestHandler, "zorgsamen_quiet", False):
        return
    with_server_header = WSGIRequestHandler.send_header

    def send_header(self, keyword, value):
        if keyword.lower() != "server":
            with_server_header(self, keyword, value)

    WSGIRequestHandler.send_header = send_header
    WSGIRequestHandler.zorgsamen_quiet = True


def _demo_account_problems(app):
    """Demo accounts in the database, found by the demo domain or the published second-factor secret."""
    from .. import crypto
    from ..db import connect
    from ..staff import demo as demodata, queries
    from . import settings

    db = connect(app.config["DATABASE"])
    try:
        found = set(queries.accounts_with_domain(db, demodata.COORDINATOR_EMAIL.split("@")[1]))
        with app.app_context():
            found.update(email for email, token in queries.second_factor_secrets(db)
                         if crypto.decrypt(token) == demodata.DEMO_TOTP_SECRET)
    finally:
        db.close()
    return [settings.demo_accounts_problem(sorted(found))] if found else []


def _apply_defaults(app, settings):
    # The request form reads CONTACT_RETENTION_DAYS: one setting under two names, always equal.
    if "CONTACT_RETENTION_DAYS" in app.config:
        app.config.setdefault("RETENTION_CONTACT_DAYS", app.config["CONTACT_RETENTION_DAYS"])
    for name, value in settings.DEFAULTS.items():
        app.config.setdefault(name, value)
    app.config["CONTACT_RETENTION_DAYS"] = app.config["RETENTION_CONTACT_DAYS"]
