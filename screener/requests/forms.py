"""The request form (Flask-WTF): read what the worker entered, keep every value, and name each problem in Dutch."""
from dataclasses import dataclass

import phonenumbers
from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, Length, ValidationError

from ..forms import Form, Tick, cleaned, without_control_characters
from ..mail.addresses import AddressError, normalized_address
from .postcodes import province_for_postcode
from ..cases.routing import CHOICES
from ..cases.vocabulary import MOMENT_LABELS, MOMENTS, NOT_BEFORE_HOURS, PROVINCES

CHANNELS = ("phone", "email")
NAME_MAX = 60
NOTE_MAX = 200
TEXT_FIELDS = ("name", "phone", "email", "channel", "language", "choice", "employer", "province", "postcode",
               "not_before", "note", "today")
FLAGS = ("consent", "share_results", "followup", "confirm_email", "text_first")
clean = cleaned(300)


def one_line(value):
    """A filter for the note: line breaks and runs of spaces become one space, control characters go.

    Not cut at NOTE_MAX, so a longer note is named and shown again whole (a huge paste is cut far beyond it).
    """
    return without_control_characters(" ".join((value or "").split()))[:NOTE_MAX * 20]


@dataclass(frozen=True)
class RequestDetails:
    """What the worker asked for, as checked: the input of routing and of the new case."""

    values: dict
    moments: list
    flags: dict
    phone_e164: str | None
    province: str | None


def normalise_phone(text):
    """A Belgian or international number in E.164 (+32470123456), or None when it is not a valid number."""
    try:
        number = phonenumbers.parse(text, "BE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def site_language(value):
    """A filter: the value when it is one of the site's languages (config LANGUAGES), else the default one."""
    return value if value in current_app.config["LANGUAGES"] else current_app.config["BABEL_DEFAULT_LOCALE"]


def one_of(allowed, otherwise):
    """A filter: the value when it is one of `allowed`, else `otherwise` (a choice nobody could make)."""
    return lambda value: value if value in allowed else otherwise


class PhoneNumber:
    """A number the phone library accepts (Belgian by default); empty passes."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if field.data and not normalise_phone(field.data):
            raise ValidationError(self.message)


class EmailAddress:
    """The one address check of the site (mail.addresses: syntax, no DNS); empty passes."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        try:
            if field.data:
                normalized_address(field.data)
        except AddressError:
            raise ValidationError(self.message) from None


class FlemishPostcode:
    """A Belgian postcode in Flanders or Brussels; looked at only when no province was chosen."""

    def __call__(self, form, field):
        if form.province.data or not field.data:
            return
        province, known = province_for_postcode(field.data)
        if not known:
            raise ValidationError(_l("Deze postcode kennen we niet. Kies je provincie in de lijst."))
        if province is None:
            raise ValidationError(_l("We werken in Vlaanderen en Brussel. Kies de provincie waar je werkt, "
                                     "of kies de preventiedienst van je werkgever."))


class RequiredWhen:
    """Required only when `condition(form)` holds (the employer for that choice, the province for a region)."""

    def __init__(self, condition, message):
        self.condition, self.message = condition, message

    def __call__(self, form, field):
        if not field.data and self.condition(form):
            raise ValidationError(self.message)


def _needs_province(form):
    # Every route but a known employer's service goes by region (routing.route); a postcode stands
    # in for the province (and has its own message when it is wrong).
    choice = form.choice.data
    by_employer = choice == "employer" or (choice == "auto" and not form.urgent)
    return not (by_employer and form.employer.data) and not form.postcode.data


class RequestForm(Form):
    """The worker's request: contact details, preferences, who may contact them; consent when sending."""

    name = StringField(filters=[clean], validators=[
        DataRequired(_l("Vul een voornaam of bijnaam in. Zo weet de hulpverlener hoe je aan te spreken.")),
        Length(max=NAME_MAX, message=_l("Houd je naam korter dan %(max)s tekens.", max=NAME_MAX))])
    phone = StringField(filters=[clean], validators=[
        RequiredWhen(lambda form: not form.email.data,
                     _l("Geef een telefoonnummer of een e-mailadres, zodat we je kunnen bereiken.")),
        PhoneNumber(_l("Dit telefoonnummer lijkt niet te kloppen. Bijvoorbeeld: 0470 12 34 56 of +32 470 12 34 56."))])
    email = StringField(filters=[clean], validators=[
        EmailAddress(_l("Dit e-mailadres lijkt niet te kloppen. Bijvoorbeeld: naam@voorbeeld.be."))])
    channel = StringField(filters=[clean])
    language = StringField(filters=[clean, site_language])
    choice = StringField(filters=[clean], validators=[AnyOf(CHOICES, message=_l("Kies wie je mag contacteren."))])
    employer = StringField(filters=[clean])  # empty: "I don't know which", routing picks
    province = StringField(filters=[clean, one_of(PROVINCES, "")], validators=[RequiredWhen(
        _needs_province, _l("Kies de provincie waar je werkt, zodat we iemand in je buurt vinden."))])
    postcode = StringField(filters=[clean], validators=[FlemishPostcode()])
    moments = SelectMultipleField(choices=list(MOMENT_LABELS.items()), validate_choice=False,
                                  filters=[lambda chosen: [m for m in chosen or () if m in MOMENTS]])
    # Shift work: "not before HH:MM", a text message before the call, and a short note for the team.
    not_before = StringField(filters=[clean], validators=[AnyOf(
        ("",) + NOT_BEFORE_HOURS, message=_l("Kies een uur uit de lijst, of 'Maakt niet uit'."))])
    text_first = Tick()
    note = TextAreaField(filters=[one_line], validators=[Length(
        max=NOTE_MAX, message=_l("Je bericht is %(length)d tekens lang. Houd het op %(max)d tekens of minder."))])
    consent = Tick(validators=[RequiredWhen(
        lambda form: form.sending,
        _l("Vink aan dat je akkoord gaat. Zonder je toestemming mogen we je gegevens niet doorgeven."))])
    share_results = Tick()
    followup = Tick()
    confirm_email = Tick()
    today = StringField(filters=[clean, one_of(("1",), "")])  # "1": call me today (after a positive safety answer)
    action = StringField(filters=[clean])  # preview, edit or send: which button was pressed
    website = StringField()  # the honeypot: people never see this field; any value at all stops the request

    def __init__(self, *args, employer_ids=(), urgent=False, **kwargs):
        self.employer_ids, self.urgent = set(employer_ids), urgent
        super().__init__(*args, **kwargs)

    def filter_employer(self, value):
        """Only a service the worker could choose; anything else counts as "I don't know"."""
        return value if value in self.employer_ids else ""

    @property
    def sending(self):
        """True when the worker pressed "send" on the check page."""
        return self.action.data == "send"

    def validate_channel(self, field):
        """No choice made: the channel the worker gave details for; a choice without its detail is named."""
        if field.data not in CHANNELS:
            field.data = "phone" if self.phone.data or not self.email.data else "email"
        if field.data == "phone" and self.email.data and not self.phone.data:
            raise ValidationError(_l("Je wil gebeld worden, maar je gaf geen telefoonnummer. Vul het in of kies e-mail."))
        if field.data == "email" and self.phone.data and not self.email.data:
            raise ValidationError(_l("Je wil een e-mail, maar je gaf geen e-mailadres. Vul het in of kies bellen."))

    def validate(self, extra_validators=None):
        """Check every field; a valid address is kept as checked (stored and e-mailed that way)."""
        valid = super().validate(extra_validators)
        if not self.email.data:
            self.confirm_email.data = False
        if not self.phone.data:  # a text message needs a number
            self.text_first.data = False
        if not self.problems and self.email.data:
            self.email.data = normalized_address(self.email.data)
        return valid

    @property
    def values(self):
        """{field: text} of the text fields, to show them again or carry them to the next step."""
        return {name: self[name].data for name in TEXT_FIELDS}

    @property
    def work_province(self):
        """The province the worker chose, or the one of their postcode (None when neither says)."""
        return self.province.data or province_for_postcode(self.postcode.data)[0]

    def details(self):
        """The checked request for routing and the new case (call after validate())."""
        return RequestDetails(values=self.values, moments=list(self.moments.data),
                              flags={name: self[name].data for name in FLAGS},
                              phone_e164=normalise_phone(self.phone.data) if self.phone.data else None,
                              province=self.work_province)


class CardForm(RequestForm):
    """The short request on the result itself: a name, one way to reach you, who, consent.

    One field takes a phone number or an e-mail address (an @ says which); the province is
    optional (from the screener's "about you" screen when given; without it the coordinators find
    someone); every other choice keeps the full form's default.
    """

    reach = StringField(filters=[clean], validators=[
        DataRequired(_l("Vul je gsm-nummer of je e-mailadres in, zodat we je kunnen bereiken."))])
    province = StringField(filters=[clean, one_of(PROVINCES, "")])
    consent = Tick(validators=[DataRequired(
        _l("Vink aan dat je akkoord gaat. Zonder je toestemming mogen we je gegevens niet doorgeven."))])

    def filter_employer(self, value):
        """The service counts only with that route: its list is hidden for the others."""
        return super().filter_employer(value) if self.choice.data == "employer" else ""

    def validate(self, extra_validators=None):
        """Read the one contact field as a phone number or an e-mail address, then check like the full form."""
        reach = self.reach.data or ""
        by_email = "@" in reach
        self.email.data, self.phone.data = (reach, "") if by_email else ("", reach)
        self.channel.data = "email" if by_email else "phone"
        self.choice.data = self.choice.data or "auto"
        valid = super().validate(extra_validators)
        for name in ("phone", "email", "channel"):  # their messages belong to the one field people see
            if self[name].errors:
                self.reach.errors = list(self.reach.errors or []) or [self[name].errors[0]]
                self[name].errors = []
        return valid and not self.reach.errors

    @property
    def values(self):
        """The full form's values and the one contact field, carried by the check page."""
        return {**super().values, "reach": self.reach.data}


def contact_details(form):
    """The contact details to encrypt: only what the worker gave."""
    details = {"name": form.values["name"]}
    if form.phone_e164:
        details["phone"] = form.phone_e164
    if form.values["email"]:
        details["email"] = form.values["email"]
    if form.values.get("note"):  # the worker's own words: encrypted and erased with the rest, never e-mailed
        details["note"] = form.values["note"]
    return details
