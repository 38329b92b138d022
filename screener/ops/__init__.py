"""Production readiness: settings checks, health, structured logs, backup/restore, retention, erasure."""
import os
import sqlite3


def init_app(app):
    """Check production settings, then register logs, the health route, the commands and the retention job."""
    from .. import worker
    from ..db import connect, immediate
    from . import cli, erase_view, logs, privacy, schema, settings, views  # noqa: F401 (erase_view adds a route)

    if "CONTACT_RETENTION_DAYS" in app.config:  # the name the request form reads: one setting, two names
        app.config.setdefault("RETENTION_CONTACT_DAYS", app.config["CONTACT_RETENTION_DAYS"])
    for name, value in settings.DEFAULTS.items():
        app.config.setdefault(name, value)
    app.config["CONTACT_RETENTION_DAYS"] = app.config["RETENTION_CONTACT_DAYS"]
    if settings.is_true(app.config["PRODUCTION"]):
        problems = settings.production_problems(app.config, os.environ)
        if problems:
            raise settings.UnsafeProductionSettings(problems)  # exits with the list on stderr

    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = int(app.config["PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    if settings.is_true(app.config["PRODUCTION"]):
        app.after_request(views.strict_transport)

    if app.config["LOG_JSON"] and not app.testing:
        logs.configure(app.config["LOG_LEVEL"])
    app.before_request(logs.start_timer)
    app.after_request(logs.log_request)

    # The aggregates table lives in its own migration set, applied like the others at start.
    db = connect(app.config["DATABASE"])
    try:
        with immediate(db):
            schema.migrations.apply(db)
    finally:
        db.close()

    app.register_blueprint(views.bp)
    app.register_error_handler(sqlite3.OperationalError, views.database_unavailable)
    for command in cli.COMMANDS:
        app.cli.add_command(command)
    worker.register(app, "retention", privacy.retention_job, app.config["RETENTION_EVERY_SECONDS"])
