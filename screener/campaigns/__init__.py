"""Campaign codes: which poster, organisation, newsletter or webinar brought visitors (cookieless)."""


def init_app(app):
    """The short link, ?bron= on every page, the daily clean-up of arrivals, demo data (the coordinators' page is in reports)."""
    from .. import demo, worker
    from . import demo as demodata
    from .tracking import forget_old_arrivals_job, source_from_query
    from .views import bp

    app.register_blueprint(bp)
    app.before_request(source_from_query)
    worker.register(app, "campaign_arrivals", forget_old_arrivals_job, 600)
    demo.register(app, "campaigns", demodata.seed, order=60, has_data=demodata.has_data)
