"""The card form (Flask-WTF): design, message, names and the recipient's address, each problem in Dutch."""
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, ValidationError

from ..forms import Form, cleaned, without_control_characters
from ..mail.addresses import AddressError, normalized_address
from .designs import DESIGNS
from .rules import MESSAGE_MAX, NAME_MAX, message_problem

clean_name = cleaned(NAME_MAX * 3)  # longer than allowed, so the length is named, not silently cut
clean_address = cleaned(320)


def one_paragraph(value):
    """The message as one paragraph: runs of spaces and line breaks become one space, control characters go."""
    return without_control_characters(" ".join((value or "").split()))[:MESSAGE_MAX * 20]


class NoLinkOrAddress:
    """Refuses a message with a link or an e-mail address (the card must not carry either)."""

    def __call__(self, form, field):
        problem = message_problem(field.data)
        if problem:
            raise ValidationError(gettext(problem))


class Address:
    """An address we can send to (mail.addresses, syntax only)."""

    def __call__(self, form, field):
        try:
            if field.data:
                normalized_address(field.data)
        except AddressError:
            raise ValidationError(
                gettext("Dit e-mailadres lijkt niet te kloppen. Bijvoorbeeld: naam@voorbeeld.be.")) from None


class CardForm(Form):
    """One card: a design, a short message, who sends it, to whom."""

    design = StringField(filters=[cleaned(40)], validators=[
        AnyOf(list(DESIGNS), message=_l("Kies een ontwerp voor je kaartje."))])
    message = TextAreaField(filters=[one_paragraph], validators=[
        DataRequired(_l("Schrijf een kort bericht voor je collega.")),
        Length(max=MESSAGE_MAX,
               message=_l("Je bericht is %(length)d tekens lang. Houd het op %(max)d tekens of minder.")),
        NoLinkOrAddress()])
    # The names go into the e-mail: no link or address there either, or the form would relay spam.
    sender_name = StringField(filters=[clean_name], validators=[
        Length(max=NAME_MAX, message=_l("Houd je naam korter dan %(max)s tekens.", max=NAME_MAX)), NoLinkOrAddress()])
    recipient_name = StringField(filters=[clean_name], validators=[
        DataRequired(_l("Vul de voornaam van je collega in.")),
        Length(max=NAME_MAX, message=_l("Houd de naam korter dan %(max)s tekens.", max=NAME_MAX)), NoLinkOrAddress()])
    recipient_email = StringField(filters=[clean_address], validators=[
        DataRequired(_l("Vul het e-mailadres van je collega in. Daar komt de link naar je kaartje.")),
        Address()])
    action = StringField(filters=[cleaned(20)])  # preview, edit or send: which button was pressed
    website = StringField()  # the honeypot: hidden from people; a value means a robot filled the form

    @property
    def sending(self):
        """True when "send" was pressed on the preview."""
        return self.action.data == "send"

    def validate(self, extra_validators=None):
        """Check every field; a valid address is kept normalised."""
        valid = super().validate(extra_validators)
        if valid:
            self.recipient_email.data = normalized_address(self.recipient_email.data)
        return valid

    def card(self):
        """The checked values as plain data for sending."""
        return {"design": self.design.data, "message": self.message.data, "sender_name": self.sender_name.data,
                "recipient_name": self.recipient_name.data, "recipient_email": self.recipient_email.data}
