"""Webinars: sessions with a stream behind a click, an .ics, live questions with moderation, and counts."""


def init_app(app):
    """Register the public and the coordinators' blueprints and the demo sessions."""
    from .. import demo as demo_registry
    from ..staff import shell
    from . import demo, queries
    from .views import admin, bp

    app.config.setdefault("WEBINAR_QUESTION_LIMIT", "5 per minute; 30 per hour")
    app.register_blueprint(bp)
    app.register_blueprint(admin)
    shell.use_staff_layout(app, admin.name)
    demo_registry.register(app, "webinars", demo.seed, order=75, has_data=queries.has_sessions)
