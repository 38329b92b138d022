"""The screening feature: the anonymous, reactive screener."""
ABANDON_CHECK_SECONDS = 300


def abandon_stale_job(app):
    """Worker job: runs in progress untouched for 60 minutes become abandoned (the funnel counts them)."""
    from .. import clock
    from ..db import get_db
    from .flow import abandon_cutoff
    from .queries import abandon_stale

    abandon_stale(get_db(), clock.iso(abandon_cutoff(clock.now())))


def init_app(app):
    """Register the blueprint, the content loader, the worker job and the demo screenings of this feature."""
    from .. import demo, worker
    from . import content, feedback_views, notnow_views, queries  # noqa: F401 (the *_views add their routes to the blueprint)
    from . import demo as demodata
    from .views import bp

    app.register_blueprint(bp)
    content.register(app)
    worker.register(app, "screening_abandon", abandon_stale_job, ABANDON_CHECK_SECONDS)
    demo.register(app, "screenings", demodata.seed, order=30, has_data=queries.has_screenings)
    demo.register(app, "barrier answers", demodata.seed_barriers, order=31, has_data=lambda db: queries.has_taps(db, "barrier"))
    demo.register(app, "result feedback", demodata.seed_result_feedback, order=32,
                  has_data=lambda db: queries.has_taps(db, "feedback"))
