"""The screening feature: the anonymous, reactive screener."""
from .current import completed_screening  # noqa: F401  (used by the request form)


def init_app(app):
    """Register the blueprint (and content loaders, commands, worker jobs) of this feature."""
    from .views import bp

    app.register_blueprint(bp)
