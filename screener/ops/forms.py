"""Forms of the coordinators' ops pages (Flask-WTF). Messages in Dutch."""
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import DataRequired, Regexp

from ..forms import Form, Tick
from .privacy import normalise_reference

REFERENCE = r"^ZS-[0-9A-Z]{6}$"


class EraseForm(Form):
    """Erase a worker's contact details on their request: the reference, and that the request was checked."""

    reference = StringField(filters=[lambda text: normalise_reference(text)[:40]], validators=[
        Regexp(REFERENCE, message=_l("Een referentiecode ziet eruit als ZS-7KQ4M2."))])
    checked = Tick(validators=[
        DataRequired(_l("Kijk eerst na dat de vraag van de werker zelf komt, en vink dit dan aan."))])
