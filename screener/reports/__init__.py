"""The reports feature: annotations and the coordinators' dashboard (a staff page)."""


def init_app(app):
    """Register the blueprint inside the staff shell, the nightly rollups and the demo annotations."""
    from .. import demo, worker
    from .rollups import roll_up
    from ..staff import shell
    from .demo import seed_annotations
    from .campaign_views import admin as campaign_admin
    from .views import bp

    app.register_blueprint(bp)
    shell.use_staff_layout(app, bp.name)
    app.register_blueprint(campaign_admin)
    shell.use_staff_layout(app, campaign_admin.name)
    demo.register(app, "campaign annotations", seed_annotations, order=50)
    worker.register(app, "rollups", roll_up, app.config["ROLLUP_EVERY_SECONDS"])
