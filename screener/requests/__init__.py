"""Ask to be contacted: the worker's request form, the check before sending, the confirmation, withdrawal."""


def init_app(app):
    """Register the blueprint."""
    from .views import bp

    app.register_blueprint(bp)
