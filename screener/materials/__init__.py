"""Posters and a flyer to print (A4 and A3 PDFs with a QR code to the screener), brandable with an organisation's logo."""


def init_app(app):
    """Register the blueprint and the feature's settings."""
    from .views import bp

    # Defaults; instance/config.py or ZORGSAMEN_* may set them (see docs/operations.md, "Posters and materials").
    app.config.setdefault("MATERIALS_LOGO_MAX_BYTES", 2 * 1024 * 1024)
    app.config.setdefault("MATERIALS_LOGO_MAX_PIXELS", 16_000_000)
    app.config.setdefault("MATERIALS_LOGO_DAYS", 90)
    app.config.setdefault("MATERIALS_UPLOAD_LIMIT", "20 per hour")
    app.register_blueprint(bp)
