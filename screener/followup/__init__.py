"""Follow-up of the workers who asked for help: the outcome rules (caseness, reliable change, recovery)."""


def init_app(app):
    """Register the outcome rules' content loader (validated at start and by `flask content check`)."""
    from .. import content as content_registry
    from . import content

    content_registry.register(app, "outcomes", content.load)
