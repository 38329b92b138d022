"""Thank-you cards: a colleague sends a card; the e-mail carries a link, the message stays on the site."""


def init_app(app):
    """Register the blueprint and the month filter of the counter."""
    from .views import bp, month_name

    app.register_blueprint(bp)
    app.add_template_filter(month_name, "cards_month")
