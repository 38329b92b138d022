"""Self-care stories (/verhalen): workers share what helps them; coordinators review before anything goes live."""


def init_app(app):
    """Register the public pages and the coordinators' moderation pages (in the staff layout)."""
    from ..staff import shell
    from .views import bp, staff_bp

    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    shell.use_staff_layout(app, staff_bp.name)
