"""The forms of the self-care stories (Flask-WTF): one Dutch message per field, every value kept."""
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from ..forms import Form, Tick, cleaned, without_control_characters
from ..mail.addresses import AddressError, normalized_address
from . import rules

TITLE_MAX = 120
NAME_MAX = 40
REASON_MAX = 500
BODY_CHARS_MAX = 20000  # far beyond 1,000 words: a huge paste is cut, a long story is named and kept


def story_text(value):
    """A filter for a story: line breaks kept (Windows ones made plain), other control characters out."""
    lines = (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    text = "\n".join(without_control_characters(line).rstrip() for line in lines).strip()
    return text[:BODY_CHARS_MAX]


class MaxWords:
    """At most `rules.MAX_WORDS` words, with the count in the message."""

    def __call__(self, form, field):
        count = rules.word_count(field.data)
        if count > rules.MAX_WORDS:
            raise ValidationError(ngettext(
                "Je verhaal telt %(num)s woord. Hou het op hoogstens 1.000 woorden. Je tekst staat er nog.",
                "Je verhaal telt %(num)s woorden. Hou het op hoogstens 1.000 woorden. Je tekst staat er nog.", count))


class EmailAddress:
    """An address the site can write to; empty passes (it is optional)."""

    def __call__(self, form, field):
        if not field.data:
            return
        try:
            field.data = normalized_address(field.data)
        except AddressError:
            raise ValidationError(_l("Dit e-mailadres klopt niet. Kijk het na, of laat het leeg.")) from None


class StoryForm(Form):
    """A worker's story: title, text, first name or anonymous, sector, consent, optional address."""

    title = StringField(filters=[cleaned(TITLE_MAX)],
                        validators=[DataRequired(_l("Geef je verhaal een titel."))])
    body = TextAreaField(filters=[story_text],
                         validators=[DataRequired(_l("Schrijf je verhaal.")), MaxWords()])
    name = StringField(filters=[cleaned(NAME_MAX)])
    sector = StringField(filters=[cleaned(40)])
    consent = Tick(validators=[
        DataRequired(_l("Vink aan dat je akkoord gaat. Anders kunnen we je verhaal niet tonen."))])
    email = StringField(filters=[cleaned(254)], validators=[EmailAddress()])

    def validate_sector(self, field):
        """Only a sector of the screener content (or none)."""
        if field.data and field.data not in self.sector_keys:
            field.data = ""

    def __init__(self, *args, sector_keys=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sector_keys = set(sector_keys)

    def values(self):
        """The checked values, for sharing.submit."""
        return {"title": self.title.data, "body": self.body.data, "name": self.name.data,
                "sector": self.sector.data, "email": self.email.data}


class EditForm(Form):
    """A coordinator's edit for anonymity: title and text."""

    title = StringField(filters=[cleaned(TITLE_MAX)], validators=[DataRequired(_l("Een titel is nodig."))])
    body = TextAreaField(filters=[story_text],
                         validators=[DataRequired(_l("De tekst mag niet leeg zijn.")), MaxWords()])


class PublishForm(Form):
    """Publish; for a flagged story, the tick that says the human check was done."""

    checked = Tick()


class RejectForm(Form):
    """Reject, always with a reason (kept for the team, never shown to the public)."""

    reason = TextAreaField(filters=[cleaned(REASON_MAX)],
                           validators=[DataRequired(_l("Geef een reden om af te wijzen.")), Length(max=REASON_MAX)])


class ConfirmForm(Form):
    """A button with a CSRF token (withdraw, dit hielp mij ook)."""
