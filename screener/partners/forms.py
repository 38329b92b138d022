"""Forms of the casework pages (Flask-WTF: CSRF on every POST). Messages in Dutch."""
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ..cases.transitions import CLOSE_OUTCOMES, MAX_CONVERSATIONS, parse_conversations
from ..cases.vocabulary import CHANNEL_LABELS, OUTCOME_LABELS
from ..forms import Form


class AttemptForm(Form):
    channel = RadioField(_l("Hoe?"), choices=list(CHANNEL_LABELS.items()),
                         validators=[InputRequired(_l("Kies hoe je contact zocht."))])
    reached = RadioField(_l("Bereikt?"), choices=[("yes", _l("Ja, bereikt")), ("no", _l("Nee, niet bereikt"))],
                         validators=[InputRequired(_l("Zeg of je de persoon bereikt hebt."))])
    note = TextAreaField(_l("Korte notitie (optioneel, geen gevoelige details)"), validators=[Optional(), Length(max=280, message=_l("Hou de notitie kort: maximaal 280 tekens."))])
    # Read by the view with partners.moments (it needs the case's time); empty means now.
    moment = StringField(_l("Wanneer?"), filters=[lambda value: (value or "").strip()[:40]])


class ReferForm(Form):
    provider_id = SelectField(_l("Naar welke organisatie?"), choices=[], validate_choice=False,
                              validators=[DataRequired(_l("Kies een organisatie."))])
    note = TextAreaField(_l("Waarom (optioneel, geen gevoelige details)"), validators=[Optional(), Length(max=280, message=_l("Hou de notitie kort: maximaal 280 tekens."))])


class CloseForm(Form):
    outcome = RadioField(_l("Uitkomst"), validators=[InputRequired(_l("Kies een uitkomst."))],
                         choices=[(outcome, OUTCOME_LABELS[outcome]) for outcome in CLOSE_OUTCOMES])
    conversations = StringField(_l("Aantal gesprekken (optioneel)"))

    def validate_conversations(self, field):
        """A whole number from 0 to 50, or nothing."""
        if parse_conversations(field.data)[1]:
            raise ValidationError(_("Geef het aantal gesprekken als getal van 0 tot %(max)s, of laat het leeg.",
                                    max=MAX_CONVERSATIONS))

    def conversation_count(self):
        """The number of conversations given (None when left empty), once the form is valid."""
        return parse_conversations(self.conversations.data)[0]


class AssignForm(Form):
    provider_id = SelectField(_l("Organisatie"), choices=[], validate_choice=False,
                              validators=[DataRequired(_l("Kies een organisatie."))])
