"""Forms of the casework pages (Flask-WTF: CSRF on every POST). Messages in Dutch."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..cases.transitions import CLOSE_OUTCOMES
from ..cases.vocabulary import CHANNEL_LABELS, OUTCOME_LABELS
from ..forms import Form


class AttemptForm(Form):
    channel = RadioField(_l("Hoe?"), choices=list(CHANNEL_LABELS.items()),
                         validators=[InputRequired(_l("Kies hoe je contact zocht."))])
    reached = RadioField(_l("Bereikt?"), choices=[("yes", _l("Ja, bereikt")), ("no", _l("Nee, niet bereikt"))],
                         validators=[InputRequired(_l("Zeg of je de persoon bereikt hebt."))])
    note = TextAreaField(_l("Korte notitie (optioneel, geen gevoelige details)"), validators=[Optional(), Length(max=280, message=_l("Hou de notitie kort: maximaal 280 tekens."))])


class ReferForm(Form):
    provider_id = SelectField(_l("Naar welke organisatie?"), choices=[], validate_choice=False,
                              validators=[DataRequired(_l("Kies een organisatie."))])
    note = TextAreaField(_l("Waarom (optioneel, geen gevoelige details)"), validators=[Optional(), Length(max=280, message=_l("Hou de notitie kort: maximaal 280 tekens."))])


class CloseForm(Form):
    outcome = RadioField(_l("Uitkomst"), validators=[InputRequired(_l("Kies een uitkomst."))],
                         choices=[(outcome, OUTCOME_LABELS[outcome]) for outcome in CLOSE_OUTCOMES])


class AssignForm(Form):
    provider_id = SelectField(_l("Organisatie"), choices=[], validate_choice=False,
                              validators=[DataRequired(_l("Kies een organisatie."))])
