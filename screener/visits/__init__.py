"""Site-wide visit counting: first-party, cookieless for identity, no address stored."""


def init_app(app):
    """Count every page view as it is served, and forget each day's secret once the day is over."""
    from .. import worker
    from .tracking import count_page_view, forget_old_secrets_job

    app.after_request(count_page_view)
    worker.register(app, "visit_secrets", forget_old_secrets_job, 600)
