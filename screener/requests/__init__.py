"""Ask to be contacted: the request form, routing to a provider, deadlines, withdrawal."""


def init_app(app):
    """Register the blueprint, the providers file (validated at start) and its command."""
    from .. import content
    from ..cases.providers import CONTENT_NAME, load_providers, providers_cli
    from .views import bp

    app.register_blueprint(bp)
    app.cli.add_command(providers_cli)
    content.register(app, CONTENT_NAME, load_providers)
