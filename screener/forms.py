"""What every form of the site shares (Flask-WTF): cleaned text, a tick box, one message per field."""
import functools
import unicodedata

from babel import support
from flask import current_app
from flask_babel import get_locale, gettext
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from wtforms import BooleanField
from wtforms.i18n import messages_path
from wtforms.validators import ValidationError

from .extensions import csrf

TICKED = ("1", "on", "yes", "true")


def without_control_characters(text):
    """The text without control, format and unassigned characters (NUL, ESC, bidi overrides ...).

    They have no place in a name or a number, and could disguise what a provider reads.
    The zero-width joiner stays: emoji sequences use it.
    """
    return "".join(ch for ch in text if ch == "\u200d" or not unicodedata.category(ch).startswith("C"))


def cleaned(limit):
    """A filter: the text without control characters, trimmed and cut at `limit` characters (never None)."""

    def clean(value):
        return without_control_characters(value or "").strip()[:limit]

    return clean


class Tick(BooleanField):
    """A tick box that counts only when a browser sends one of the usual "on" values ("0" is not a yes)."""

    def process_formdata(self, valuelist):
        self.data = bool(valuelist) and valuelist[0] in TICKED


class ParsedBy:
    """A validator around a pure parser that returns (value, problem): the problem is a Dutch msgid or None."""

    def __init__(self, parse):
        self.parse = parse

    def __call__(self, form, field):
        _value, problem = self.parse(field.data)
        if problem:
            raise ValidationError(gettext(problem))


@functools.lru_cache(maxsize=8)
def _wtforms_translations(locale):
    # Flask-WTF reads WTForms' own catalogue from disk on every request that builds a form: half a
    # millisecond of each screener step. The catalogue never changes while the app runs.
    return support.Translations.load(messages_path(), [locale], domain="wtforms")


class Form(FlaskForm):
    """A Flask-WTF form whose templates show one Dutch message per field and every value again."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            """WTForms' built-in messages in the visitor's language, loaded once per language."""
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return None
            return _wtforms_translations(str(get_locale()))

    @property
    def problems(self):
        """{field name: its first message}, for the fields people see (not the CSRF token)."""
        hidden = self.meta.csrf_field_name if self.meta.csrf else None
        return {name: field.errors[0] for name, field in self._fields.items() if field.errors and name != hidden}

    def forget_problems(self, *names):
        """Drop the messages of these fields (of every field when none are named)."""
        for name in names or list(self._fields):
            self[name].errors = []

    def csrf_expired(self):
        """csrf_expired() for this form: False when the form is built without its CSRF check."""
        return bool(self.meta.csrf) and csrf_expired()


CHECKED = {"csrf": False}  # the meta of a form on a view that checked the request's token itself


def csrf_expired():
    """True when the CSRF check is on and the posted token (field or htmx header) is missing, wrong or too old.

    For views exempt from the global check, that show their form again with the input kept instead
    of an error page. Flask-WTF's own check; a form built afterwards needs no check of its own
    (meta=CHECKED), which spares the screener's steps a second token per request.
    """
    if not current_app.config.get("WTF_CSRF_ENABLED", True):
        return False
    try:
        csrf.protect()
    except CSRFError:
        return True
    return False
