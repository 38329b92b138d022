"""The organisation's form: its name and its logo (Flask-WTF). Messages in Dutch."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import StringField
from wtforms.validators import DataRequired

from ..forms import Form, cleaned

NAME_LIMIT = 80


class LogoForm(Form):
    """An organisation's name and logo; the logo's content is checked by logos.clean_logo."""

    naam = StringField(filters=[cleaned(NAME_LIMIT)],
                       validators=[DataRequired(message=_l("Vul de naam van je organisatie in."))])
    logo = FileField(validators=[FileRequired(message=_l("Kies een logo in PNG of JPEG."))])

    def logo_bytes(self, limit):
        """The uploaded file's bytes, read up to `limit` + 1 so that an oversized file is noticed, not read whole."""
        return self.logo.data.stream.read(limit + 1)
