"""Forms of the webinars (Flask-WTF): the coordinators' session form and the viewers' question form."""
from flask_babel import gettext, lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from ..forms import Form, ParsedBy, cleaned
from . import rules


class SessionForm(Form):
    """A webinar: title, speaker, Belgian date and time, duration, description, stream and recording address."""

    title = StringField(filters=[cleaned(120)], validators=[DataRequired(_l("Geef de sessie een titel."))])
    speaker = StringField(filters=[cleaned(120)], validators=[DataRequired(_l("Vul in wie spreekt."))])
    day = StringField(filters=[cleaned(10)], validators=[DataRequired(_l("Vul een datum in."))])
    time = StringField(filters=[cleaned(5)], validators=[DataRequired(_l("Vul een beginuur in."))])
    minutes = StringField(filters=[cleaned(5)], validators=[ParsedBy(rules.parse_minutes)])
    description = TextAreaField(filters=[cleaned(4000)])
    stream_url = StringField(filters=[cleaned(500)], validators=[Optional(), ParsedBy(rules.parse_https_url)])
    recording_url = StringField(filters=[cleaned(500)], validators=[Optional(), ParsedBy(rules.parse_https_url)])

    def __init__(self, *args, zone=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone

    def validate_time(self, field):
        if self.day.data and field.data:
            _start, problem = rules.parse_local_start(self.day.data, field.data, self.zone)
            if problem:
                raise ValidationError(gettext(problem))

    def values(self):
        """The session's fields to store (start in UTC ISO), once the form is valid."""
        from .. import clock

        start, _problem = rules.parse_local_start(self.day.data, self.time.data, self.zone)
        return {
            "title": self.title.data, "speaker": self.speaker.data, "starts_at": clock.iso(start),
            "minutes": rules.parse_minutes(self.minutes.data)[0], "description": self.description.data,
            "stream_url": self.stream_url.data or None, "recording_url": self.recording_url.data or None,
        }


class QuestionForm(Form):
    """A live question: at most 300 characters, a first name only if you want."""

    # Cleaned but not cut: a question that is too long comes back whole, with the message.
    text = TextAreaField(filters=[cleaned(10_000)], validators=[
        DataRequired(_l("Typ eerst je vraag.")),
        Length(max=rules.QUESTION_MAX, message=_l("Je vraag is te lang: maximaal 300 tekens. Maak ze wat korter."))])
    name = StringField(filters=[cleaned(rules.NAME_MAX)])
