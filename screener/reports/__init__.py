"""The reports feature: visit counting, annotations and the coordinators' dashboard."""


def init_app(app):
    """Register the blueprint, the page-view counter and the demo history."""
    from .. import demo, worker
    from .demo import seed_history
    from ..visits.tracking import count_page_view, forget_old_secrets_job
    from .views import bp

    app.register_blueprint(bp)
    app.after_request(count_page_view)
    demo.register(app, "history", seed_history, order=50)
    worker.register(app, "visit_secrets", forget_old_secrets_job, 600)
