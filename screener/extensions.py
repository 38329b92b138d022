"""Extensions, created unbound and bound to the app in create_app()."""
from flask import request, session
from flask_babel import Babel
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_mail import Mail
from flask_wtf.csrf import CSRFProtect


def _client_address():
    # Used only as a rate-limit key in memory; never stored or logged.
    return request.remote_addr or "unknown"


def select_locale():
    """The visitor's chosen language (session), else Dutch."""
    from flask import current_app

    chosen = session.get("lang")
    return chosen if chosen in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


csrf = CSRFProtect()
mail = Mail()
babel = Babel()
limiter = Limiter(key_func=_client_address, default_limits=[])
login_manager = LoginManager()
