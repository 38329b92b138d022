"""Extensions, created unbound and bound to the app in create_app()."""
import hashlib
import hmac

from flask import current_app, g, has_request_context, request, session
from flask_babel import Babel, get_locale, get_translations
from flask_limiter import Limiter
from flask_login import LoginManager
from flask_mail import Mail
from flask_wtf.csrf import CSRFProtect


def source_key():
    """Where a request comes from, as a keyed hash of the client's address: never the address itself.

    The rate limits count per source in a file, and the audit and JSON logs name the source of a
    refused sign-in with it. Without the app's secret key nobody can tell which address it was.
    """
    secret = ("source:" + str(current_app.config["SECRET_KEY"])).encode()
    return hmac.new(secret, (request.remote_addr or "unknown").encode(), hashlib.sha256).hexdigest()[:16]


def select_locale():
    """The visitor's chosen language (session), else the browser's (Accept-Language: en-GB gives English),
    else Dutch (also outside a request: the commands)."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language():
    """The language code of the current locale ("nl" or "en"; Dutch outside a request)."""
    locale = get_locale()
    return locale.language if locale else "nl"


def _translations():
    """The translations of the current locale, looked up once per request and locale.

    A page calls gettext some fifty times; Flask-Babel's own lookup per call cost up to a fifth
    of a page's time. Comparing the locale object itself keeps force_locale (e-mails in the
    reader's language) correct: it swaps in another object and puts the old one back.
    """
    locale = get_locale()
    cached = g.get("_translations")
    if cached is None or cached[0] is not locale:
        cached = g._translations = (locale, get_translations())
    return cached[1]


def install_template_gettext(app):
    """Templates translate through the per-request cache above (newstyle: %(name)s placeholders)."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )


csrf = CSRFProtect()
mail = Mail()
babel = Babel()
limiter = Limiter(key_func=source_key, default_limits=[])
login_manager = LoginManager()
