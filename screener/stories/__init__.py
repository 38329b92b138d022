"""Self-care stories (/verhalen): workers share what helps them; coordinators review before anything goes live."""


def init_app(app):
    """Register the public pages and the coordinators' moderation pages (in the staff layout)."""
    from .. import crypto
    from .. import demo as demo_registry
    from ..staff import shell
    from . import demo
    from .views import bp, staff_bp

    # The author's address is a Fernet token until it is deleted: `flask keys rotate` re-encrypts it.
    address = ("stories", "id", "email_encrypted")
    if address not in crypto.ENCRYPTED_COLUMNS:
        crypto.ENCRYPTED_COLUMNS.append(address)

    # Shares per address (shared by the workers, see screener/ratelimit.py); instance/config.py may change it.
    app.config.setdefault("STORIES_SUBMIT_LIMIT", "5 per hour; 20 per day")
    app.register_blueprint(bp)
    app.register_blueprint(staff_bp)
    shell.use_staff_layout(app, staff_bp.name)
    demo_registry.register(app, "self-care stories", demo.seed, order=80, has_data=demo.has_stories)
