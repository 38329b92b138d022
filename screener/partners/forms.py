"""Forms of the casework pages (Flask-WTF: CSRF on every POST). Messages in Dutch."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..forms import Form


class AttemptForm(Form):
    channel = RadioField(_l("Hoe?"), choices=[("phone", _l("Telefoon")), ("email", _l("E-mail")), ("sms", _l("Sms"))],
                         validators=[InputRequired(_l("Kies hoe je contact zocht."))])
    reached = RadioField(_l("Bereikt?"), choices=[("yes", _l("Ja, bereikt")), ("no", _l("Nee, niet bereikt"))],
                         validators=[InputRequired(_l("Zeg of je de persoon bereikt hebt."))])
    note = TextAreaField(_l("Korte notitie (optioneel, geen gevoelige details)"), validators=[Optional(), Length(max=280, message=_l("Hou de notitie kort: maximaal 280 tekens."))])


class ReferForm(Form):
    provider_id = SelectField(_l("Naar welke organisatie?"), choices=[], validate_choice=False,
                              validators=[DataRequired(_l("Kies een organisatie."))])
    note = TextAreaField(_l("Waarom (optioneel, geen gevoelige details)"), validators=[Optional(), Length(max=280, message=_l("Hou de notitie kort: maximaal 280 tekens."))])


class CloseForm(Form):
    outcome = RadioField(_l("Uitkomst"), validators=[InputRequired(_l("Kies een uitkomst."))], choices=[
        ("supported", _l("Hier verder geholpen")),
        ("unreachable", _l("Geen contact mogelijk na herhaalde pogingen")),
        ("declined", _l("De persoon wil geen hulp (meer)")),
        ("withdrawn", _l("De persoon trok de aanvraag in")),
    ])


class AssignForm(Form):
    provider_id = SelectField(_l("Organisatie"), choices=[], validate_choice=False,
                              validators=[DataRequired(_l("Kies een organisatie."))])
