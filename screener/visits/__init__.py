"""Site-wide visit counting: first-party, cookieless for identity, no address stored."""


def init_app(app):
    """Count every page view as it is served, forget each day's secret once the day is over; demo visits."""
    from .. import demo, worker
    from . import demo as demodata
    from .tracking import count_page_view, forget_old_secrets_job

    app.after_request(count_page_view)
    worker.register(app, "visit_secrets", forget_old_secrets_job, 600)
    demo.register(app, "visits", demodata.seed, order=20)
