"""Forms of the casework pages (Flask-WTF: CSRF on every POST). Messages in Dutch."""
from flask_babel import gettext as _, lazy_gettext as _l
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional, ValidationError

from ..cases.transitions import CLOSE_OUTCOMES, MAX_CONVERSATIONS, parse_conversations
from ..cases.vocabulary import AGREEMENT_LABELS, CHANNEL_LABELS, OUTCOME_LABELS
from ..forms import Form, Tick, without_control_characters


class AttemptForm(Form):
    channel = RadioField(_l("Hoe?"), choices=list(CHANNEL_LABELS.items()),
                         validators=[InputRequired(_l("Kies hoe je contact zocht."))])
    reached = RadioField(_l("Bereikt?"), choices=[("yes", _l("Ja, bereikt")), ("no", _l("Nee, niet bereikt"))],
                         validators=[InputRequired(_l("Zeg of je de persoon bereikt hebt."))])
    note = TextAreaField(_l("Korte notitie (optioneel, geen gevoelige details)"), validators=[Optional(), Length(max=280, message=_l("Hou de notitie kort: maximaal 280 tekens."))])
    # Read by the view with partners.moments (it needs the case's time); empty means now.
    moment = StringField(_l("Wanneer?"), filters=[lambda value: (value or "").strip()[:40]])


NOTE_LIMIT = 500  # the referring team's note to the next team


def typed_text(value):
    """Typed text without control characters (line breaks stay), trimmed."""
    return "\n".join(without_control_characters(line) for line in (value or "").splitlines()).strip()


class ReferForm(Form):
    provider_id = SelectField(_l("Naar welke organisatie?"), choices=[], validate_choice=False,
                              validators=[DataRequired(_l("Kies een organisatie."))])
    agreed = Tick(_l("De persoon gaat akkoord dat deze organisatie contact opneemt."),
                  validators=[DataRequired(_l("Vraag eerst of de persoon akkoord gaat met de nieuwe organisatie."))])
    agreed_via = RadioField(_l("Hoe kreeg je dat akkoord?"), choices=list(AGREEMENT_LABELS.items()),
                            validate_choice=False,  # AnyOf gives the Dutch message, not WTForms' own
                            validators=[InputRequired(_l("Zeg hoe je het akkoord kreeg.")),
                                        AnyOf(list(AGREEMENT_LABELS), message=_l("Zeg hoe je het akkoord kreeg."))])
    note = TextAreaField(_l("Notitie voor de nieuwe organisatie (optioneel)"), filters=[typed_text],
                         validators=[Optional(), Length(max=NOTE_LIMIT, message=_l(
                             "Hou de notitie kort: maximaal %(limit)s tekens.", limit=NOTE_LIMIT))])
    confirm = HiddenField()  # "1" once the team saw the confirmation


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
