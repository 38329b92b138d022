"""The screening feature."""


def init_app(app):
    """Register the blueprint (and content loaders, commands, worker jobs) of this feature."""
    from .views import bp

    app.register_blueprint(bp)
