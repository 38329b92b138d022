"""The request form: read what the worker entered, keep every value, and name each problem in Dutch."""
import unicodedata
from dataclasses import dataclass, field

import phonenumbers
from flask_babel import lazy_gettext as _l

from ..mail.addresses import AddressError, normalized_address
from .postcodes import province_for_postcode
from ..cases.providers import PROVINCES
from ..cases.routing import CHOICES

# When a worker prefers to be called; the labels read in a sentence ("bellen, weekdag avond").
MOMENT_LABELS = {"weekday_morning": _l("weekdag voormiddag"), "weekday_afternoon": _l("weekdag namiddag"),
                 "weekday_evening": _l("weekdag avond"), "weekend": _l("weekend")}
MOMENTS = tuple(MOMENT_LABELS)
CHANNELS = ("phone", "email")
LANGUAGES = ("nl", "en")
NAME_MAX = 60
TEXT_FIELDS = ("name", "phone", "email", "channel", "language", "choice", "employer", "province", "postcode")
FLAGS = ("consent", "share_results", "followup", "confirm_email")


@dataclass
class RequestForm:
    """What the worker entered (as text, to show it again) and the problems found per field."""

    values: dict
    moments: list
    flags: dict
    errors: dict = field(default_factory=dict)
    phone_e164: str | None = None
    email: str | None = None  # the address as checked and normalised (mail.addresses)
    province: str | None = None

    @property
    def valid(self):
        return not self.errors


def read_form(form):
    """The submitted fields, trimmed, without validation (so they can always be shown again)."""
    values = {name: without_control_characters(form.get(name) or "").strip()[:300] for name in TEXT_FIELDS}
    moments = [m for m in form.getlist("moments") if m in MOMENTS] if hasattr(form, "getlist") else []
    flags = {name: form.get(name) in ("1", "on", "yes", "true") for name in FLAGS}
    return RequestForm(values=values, moments=moments, flags=flags)


def without_control_characters(text):
    """The text without control, format and unassigned characters (NUL, ESC, bidi overrides ...).

    They have no place in a name or a number, and could disguise what a provider reads.
    The zero-width joiner stays: emoji sequences use it.
    """
    return "".join(ch for ch in text if ch == "\u200d" or not unicodedata.category(ch).startswith("C"))


def normalise_phone(text):
    """A Belgian or international number in E.164 (+32470123456), or None when it is not a valid number."""
    try:
        number = phonenumbers.parse(text, "BE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate(form, *, employer_ids, urgent, need_consent):
    """Check the entered values; fills form.errors {field: message} and the normalised values."""
    v, errors = form.values, form.errors
    if not v["name"]:
        errors["name"] = _l("Vul een voornaam of bijnaam in. Zo weet de hulpverlener hoe je aan te spreken.")
    elif len(v["name"]) > NAME_MAX:
        errors["name"] = _l("Houd je naam korter dan %(max)s tekens.", max=NAME_MAX)
    if not v["phone"] and not v["email"]:
        errors["phone"] = _l("Geef een telefoonnummer of een e-mailadres, zodat we je kunnen bereiken.")
    if v["phone"]:
        form.phone_e164 = normalise_phone(v["phone"])
        if not form.phone_e164:
            errors["phone"] = _l("Dit telefoonnummer lijkt niet te kloppen. Bijvoorbeeld: 0470 12 34 56 of +32 470 12 34 56.")
    if v["email"]:
        _validate_email(form)
    if v["channel"] not in CHANNELS:
        v["channel"] = "phone" if v["phone"] or not v["email"] else "email"
    if v["channel"] == "phone" and v["email"] and not v["phone"]:
        errors["channel"] = _l("Je wil gebeld worden, maar je gaf geen telefoonnummer. Vul het in of kies e-mail.")
    if v["channel"] == "email" and v["phone"] and not v["email"]:
        errors["channel"] = _l("Je wil een e-mail, maar je gaf geen e-mailadres. Vul het in of kies bellen.")
    if v["language"] not in LANGUAGES:
        v["language"] = "nl"
    if v["choice"] not in CHOICES:
        errors["choice"] = _l("Kies wie je mag contacteren.")
    if v["employer"] and v["employer"] not in employer_ids:
        v["employer"] = ""
    if v["choice"] == "employer" and not v["employer"]:
        errors["employer"] = _l("Kies de preventiedienst van je werkgever. Weet je het niet? Kies dan 'Kies maar voor mij'.")
    _validate_province(form, needed=urgent or v["choice"] == "region" or (v["choice"] == "auto" and not v["employer"]))
    if need_consent and not form.flags["consent"]:
        errors["consent"] = _l("Vink aan dat je akkoord gaat. Zonder je toestemming mogen we je gegevens niet doorgeven.")
    if not v["email"]:
        form.flags["confirm_email"] = False
    if not errors and form.email:
        v["email"] = form.email  # stored and e-mailed in the checked form; shown as typed until then
    return form


def _validate_email(form):
    try:
        form.email = normalized_address(form.values["email"])
    except AddressError:
        form.errors["email"] = _l("Dit e-mailadres lijkt niet te kloppen. Bijvoorbeeld: naam@voorbeeld.be.")


def _validate_province(form, needed):
    v, errors = form.values, form.errors
    if v["province"] in PROVINCES:
        form.province = v["province"]
    else:
        v["province"] = ""
        if v["postcode"]:
            province, known = province_for_postcode(v["postcode"])
            if not known:
                errors["postcode"] = _l("Deze postcode kennen we niet. Kies je provincie in de lijst.")
            elif province is None:
                errors["postcode"] = _l("We werken in Vlaanderen en Brussel. Kies de provincie waar je werkt, of kies de preventiedienst van je werkgever.")
            form.province = province
    if needed and not form.province and "postcode" not in errors:
        errors["province"] = _l("Kies de provincie waar je werkt, zodat we iemand in je buurt vinden.")


def contact_details(form):
    """The contact details to encrypt: only what the worker gave."""
    details = {"name": form.values["name"]}
    if form.phone_e164:
        details["phone"] = form.phone_e164
    if form.values["email"]:
        details["email"] = form.values["email"]
    return details
