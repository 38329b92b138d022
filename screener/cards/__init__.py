"""Thank-you cards: a colleague sends a card; the e-mail carries a link, the message stays on the site."""


def init_app(app):
    """Register the blueprint, the month filter of the counter and the demo counts."""
    from .. import demo as demo_registry
    from . import demo
    from .views import bp, month_name

    app.register_blueprint(bp)
    demo_registry.register(app, "thank-you card counts", demo.seed_counts, order=75, has_data=demo.has_data)
    app.add_template_filter(month_name, "cards_month")
