"""Provider teams follow up every request: the case list and page, the queue, the audit log (the case life: screener/cases/)."""


def init_app(app):
    """Register the blueprint inside the staff shell, its navigation counts and the teams' demo case history."""
    from .. import demo
    from ..staff import shell
    from . import blueprint, display
    from . import demo as demodata
    from .views import bp

    display.register_filters(app)
    app.register_blueprint(bp)
    shell.use_staff_layout(app, bp.name)
    shell.register_nav(app, blueprint.nav_context, home="partners.case_list")
    demo.register(app, "case history", demodata.seed, order=40)
