"""Follow-up of the workers who asked for help: check-ins by e-mail, their answers, and the outcome rules."""
from .schedule import DEFAULT_AFTER_DAYS, DEFAULT_LINK_DAYS, DEFAULT_RECOVERY_DAYS, DEFAULT_REMINDER_DAYS


def init_app(app):
    """Register the outcome rules' content, the check-in pages and the follow-up job of `flask worker`."""
    from .. import content as content_registry
    from .. import crypto, worker
    from .. import demo as demo_registry
    from . import content, demo, queries, sending, views

    app.config.setdefault("FOLLOWUP_AFTER_DAYS", list(DEFAULT_AFTER_DAYS))
    app.config.setdefault("FOLLOWUP_REMINDER_DAYS", list(DEFAULT_REMINDER_DAYS))
    app.config.setdefault("FOLLOWUP_LINK_DAYS", DEFAULT_LINK_DAYS)
    app.config.setdefault("FOLLOWUP_RECOVERY_DAYS", DEFAULT_RECOVERY_DAYS)
    app.config.setdefault("FOLLOWUP_EVERY_SECONDS", 600)
    content_registry.register(app, "outcomes", content.load)
    # The worker's optional remark is a Fernet token: `flask keys rotate` re-encrypts it with the rest.
    remark = ("followup_checkins", "id", "remark_encrypted")
    if remark not in crypto.ENCRYPTED_COLUMNS:
        crypto.ENCRYPTED_COLUMNS.append(remark)
    app.register_blueprint(views.bp)
    worker.register(app, "followup", sending.run, app.config["FOLLOWUP_EVERY_SECONDS"])
    # After the teams' case history (order 40): check-ins follow the cases' first contacts.
    demo_registry.register(app, "follow-up check-ins", demo.seed, order=45, has_data=queries.has_checkins)
