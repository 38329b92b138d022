"""The reports feature: annotations and the coordinators' dashboard (a staff page)."""


def init_app(app):
    """Register the blueprint inside the staff shell and the demo history."""
    from .. import demo
    from ..staff import shell
    from .demo import seed_history
    from .views import bp

    app.register_blueprint(bp)
    shell.use_staff_layout(app, bp.name)
    demo.register(app, "history", seed_history, order=50)
