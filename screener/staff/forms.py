"""Forms of the staff pages: sign-in, setting up an account, inviting one (Flask-WTF: CSRF on every POST)."""
from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ..forms import Form
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


class SignInForm(Form):
    email = StringField(_l("E-mailadres"), validators=[DataRequired(_l("Vul je e-mailadres in.")), Length(max=200)])
    password = PasswordField(_l("Wachtwoord"), validators=[DataRequired(_l("Vul je wachtwoord in.")), Length(max=200)])
    code = StringField(_l("Code uit je app (6 cijfers)"), validators=[Optional(), Length(max=12)])


class InvitationForm(Form):
    password = PasswordField(_l("Nieuw wachtwoord"), validators=[DataRequired(_l("Kies een wachtwoord.")), Length(max=200)])
    password_again = PasswordField(_l("Nog eens hetzelfde wachtwoord"), validators=[DataRequired(_l("Typ je wachtwoord nog een keer.")), Length(max=200)])
    code = StringField(_l("Code uit je app (6 cijfers)"), validators=[Optional(), Length(max=12)])


class InviteUserForm(Form):
    email = StringField(_l("E-mailadres"), validators=[DataRequired(_l("Vul een e-mailadres in.")),
                                                       SendableAddress(_l("Dit lijkt geen e-mailadres.")), Length(max=200)])
    name = StringField(_l("Naam (optioneel)"), validators=[Optional(), Length(max=100)])
    role = RadioField(_l("Rol"), choices=[("member", _l("Teamlid van een organisatie")), ("coordinator", _l("Coördinator (stuurgroep)"))],
                      default="member", validators=[InputRequired(_l("Kies een rol."))])
    org_id = SelectField(_l("Organisatie"), choices=[], validate_choice=False, validators=[Optional()])
