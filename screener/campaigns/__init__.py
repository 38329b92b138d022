"""Campaign codes: which poster, organisation, newsletter or webinar brought visitors (cookieless)."""


def init_app(app):
    """Nothing to wire yet beyond the schema."""
