"""First-helper videos behind a clickable decision tree of statements, counted anonymously per day."""


def init_app(app):
    """Register the blueprint, the tree's content loader and the demo counts."""
    from .. import content as content_registry
    from .. import demo as demo_registry
    from . import content, demo
    from .views import bp

    # Defaults; instance/config.py or ZORGSAMEN_* may set them (a relative media folder is under instance/).
    app.config.setdefault("FIRSTHELPER_TREE_FILE", str(content.DEFAULT_TREE))
    app.config.setdefault("FIRSTHELPER_MEDIA_DIR", str(content.DEFAULT_MEDIA))
    app.register_blueprint(bp)
    content_registry.register(app, "firsthelper", content.load)
    demo_registry.register(app, "first-helper counts", demo.seed_counts, order=70)
