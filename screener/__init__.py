"""The ZorgSamen screener site: create_app() wires config, extensions and features."""
import os
import secrets
from pathlib import Path

from flask import Flask

from . import config as default_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    """Build the app: defaults, then instance/config.py, then ZORGSAMEN_* env, then test_config."""
    test_config = dict(test_config or {})
    app = Flask(
        __name__,
        instance_path=test_config.pop("INSTANCE_PATH", None) or str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_mapping(default_config.DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(default_config.from_environment())
    app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["DATABASE"] = app.config["DATABASE"] or os.path.join(app.instance_path, "screener.db")
    app.config["SECRET_KEY"] = app.config["SECRET_KEY"] or _instance_secret(app)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(ROOT / "translations"))

    _init_extensions(app)
    _init_features(app)
    return app


def _instance_secret(app):
    """The secret key kept in instance/secret_key, generated on first run and never committed."""
    path = Path(app.instance_path) / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    return path.read_text().strip()


def _init_extensions(app):
    from . import crypto, csrf_clock, db, demo, errors, migrations, ratelimit, web, worker
    from .content import content_cli
    from .extensions import babel, csrf, install_template_gettext, limiter, mail, select_locale

    csrf.init_app(app)
    csrf_clock.install()
    mail.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)
    ratelimit.configure(app)  # default: counters in <instance>/ratelimits.db, shared by the workers
    limiter.init_app(app)
    crypto.init_app(app)
    db.init_app(app)
    migrations.init_app(app)  # the schema is ready before any feature starts
    errors.init_app(app)
    worker.init_app(app)
    demo.init_app(app)
    app.cli.add_command(content_cli)
    app.after_request(web.set_security_headers)
    app.jinja_env.globals["htmx_src"] = lambda: app.config["HTMX_URL"] or None
    app.context_processor(_template_helpers)


def _template_helpers():
    from flask import current_app

    from .extensions import current_language

    return {
        "partials": current_app.jinja_env.get_template("_partials.html").module,
        "current_locale": current_language,
    }


def _init_features(app):
    from . import (campaigns, cards, cases, content, core, firsthelper, followup, mail, materials, ops, partners,
                   reports, requests, screening, staff, stories, visits, webinars)

    app.register_blueprint(core.bp)
    for feature in (screening, cases, requests, followup, staff, partners, firsthelper, visits, reports, mail, ops,
                    campaigns, materials, webinars, cards, stories):
        feature.init_app(app)
    content.load_all(app)  # invalid content stops start-up with a message naming file, item and problem
