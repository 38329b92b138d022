"""Provider teams follow up every request: the case list and page, the queue, the audit log, the SLA clock."""


def init_app(app):
    """Register the blueprint inside the staff shell, the SLA clock job and the demo case history."""
    from .. import demo, worker
    from ..staff import shell
    from . import blueprint, clockjob, display
    from . import demo as demodata
    from .views import bp

    app.config.setdefault("PARTNER_MIN_ATTEMPTS", 3)
    app.config.setdefault("SLA_CLOCK_SECONDS", 60)
    display.register_filters(app)
    app.register_blueprint(bp)
    shell.use_staff_layout(app, bp.name)
    shell.register_nav(app, blueprint.nav_context, home="partners.case_list")
    worker.register(app, "sla_clock", clockjob.run, app.config["SLA_CLOCK_SECONDS"])
    demo.register(app, "case history", demodata.seed, order=40)
