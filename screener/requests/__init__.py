"""Ask to be contacted: the worker's request form, the check before sending, the confirmation, withdrawal."""


def init_app(app):
    """Register the blueprint, with the card's routes, and the card for the screener's result page."""
    from . import card
    from .views import bp

    app.register_blueprint(bp)
    app.add_template_global(card.card_context, "request_card")
