"""Forms of the partner pages (Flask-WTF: CSRF on every POST). Messages in Dutch."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ..mail.addresses import AddressError, normalized_address


class SendableAddress:
    """The one address check (syntax, no DNS; the invitation itself proves the address works); keeps it normalised."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        try:
            field.data = normalized_address((field.data or "").strip())
        except AddressError:
            raise ValidationError(self.message) from None


class SignInForm(FlaskForm):
    email = StringField(_l("E-mailadres"), validators=[DataRequired(_l("Vul je e-mailadres in.")), Length(max=200)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(_l("Vul je wachtwoord in.")), Length(max=200)])
    code = StringField(_l("Code uit je app (6 cijfers)"), validators=[Optional(), Length(max=12)])


class InvitationForm(FlaskForm):
    password = PasswordField(_l("Nieuw wachtwoord"), validators=[DataRequired(_l("Kies een wachtwoord.")), Length(max=200)])
    password_again = PasswordField(_l("Nog eens hetzelfde wachtwoord"), validators=[DataRequired(_l("Typ je wachtwoord nog een keer.")), Length(max=200)])
    code = StringField(_l("Code uit je app (6 cijfers)"), validators=[Optional(), Length(max=12)])


class InviteUserForm(FlaskForm):
    email = StringField(_l("E-mailadres"), validators=[DataRequired(_l("Vul een e-mailadres in.")),
                                                       SendableAddress(_l("Dit lijkt geen e-mailadres.")), Length(max=200)])
    name = StringField(_l("Naam (optioneel)"), validators=[Optional(), Length(max=100)])
    role = RadioField(_l("Rol"), choices=[("member", _l("Teamlid van een organisatie")), ("coordinator", _l("Coördinator (stuurgroep)"))],
                      default="member", validators=[InputRequired(_l("Kies een rol."))])
    org_id = SelectField(_l("Organisatie"), choices=[], validate_choice=False, validators=[Optional()])


class AttemptForm(FlaskForm):
    channel = RadioField(_l("Hoe?"), choices=[("phone", _l("Telefoon")), ("email", _l("E-mail")), ("sms", _l("Sms"))],
                         validators=[InputRequired(_l("Kies hoe je contact zocht."))])
    reached = RadioField(_l("Bereikt?"), choices=[("yes", _l("Ja, bereikt")), ("no", _l("Nee, niet bereikt"))],
                         validators=[InputRequired(_l("Zeg of je de persoon bereikt hebt."))])
    note = TextAreaField(_l("Korte notitie (optioneel, geen gevoelige details)"), validators=[Optional(), Length(max=280, message=_l("Hou de notitie kort: maximaal 280 tekens."))])


class ReferForm(FlaskForm):
    provider_id = SelectField(_l("Naar welke organisatie?"), choices=[], validate_choice=False,
                              validators=[DataRequired(_l("Kies een organisatie."))])
    note = TextAreaField(_l("Waarom (optioneel, geen gevoelige details)"), validators=[Optional(), Length(max=280, message=_l("Hou de notitie kort: maximaal 280 tekens."))])


class CloseForm(FlaskForm):
    outcome = RadioField(_l("Uitkomst"), validators=[InputRequired(_l("Kies een uitkomst."))], choices=[
        ("supported", _l("Hier verder geholpen")),
        ("unreachable", _l("Geen contact mogelijk na herhaalde pogingen")),
        ("declined", _l("De persoon wil geen hulp (meer)")),
        ("withdrawn", _l("De persoon trok de aanvraag in")),
    ])


class AssignForm(FlaskForm):
    provider_id = SelectField(_l("Organisatie"), choices=[], validate_choice=False,
                              validators=[DataRequired(_l("Kies een organisatie."))])
