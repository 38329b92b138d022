"""Extensions, created unbound and bound to the app in create_app()."""
from flask import g, request, session
from flask_babel import Babel, get_locale, get_translations
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
limiter = Limiter(key_func=_client_address, default_limits=[])
login_manager = LoginManager()
