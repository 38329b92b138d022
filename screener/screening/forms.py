"""Forms of the screener (Flask-WTF): the answer to a question and the optional profile. Messages in Dutch."""
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import ValidationError

from ..forms import Form
from . import feedback, flow

PROBLEMS = {"missing": _l("Kies een antwoord om verder te gaan."),
            "unknown": _l("Dit antwoord kennen we niet. Kies een van de antwoorden hieronder.")}


class AnswerForm(Form):
    """The answer to one question: one of the options of its scale (flow.parse_choice)."""

    answer = StringField()

    def __init__(self, *args, scale, **kwargs):
        self.scale, self.value = scale, None
        super().__init__(*args, **kwargs)

    def validate_answer(self, field):
        """Keeps the whole-number value of a valid answer in `self.value`."""
        try:
            self.value = flow.parse_choice(field.data, self.scale)
        except flow.InvalidAnswer as exc:
            raise ValidationError(PROBLEMS[exc.reason]) from None


class ProfileOption:
    """Empty ("zeg ik liever niet") or one of the options of this profile field (flow.parse_profile)."""

    def __call__(self, form, field):
        _values, problems = flow.parse_profile({field.name: field.data}, {field.name: form.profile[field.name]})
        if problems:
            raise ValidationError(PROBLEMS[problems[field.name]])


class ProfileForm(Form):
    """The optional last screen: gender, sector and province (content.PROFILE_FIELDS)."""

    gender = StringField(validators=[ProfileOption()])
    sector = StringField(validators=[ProfileOption()])
    province = StringField(validators=[ProfileOption()])

    def __init__(self, *args, profile, **kwargs):
        self.profile = profile
        super().__init__(*args, **kwargs)

    @property
    def typed(self):
        """{field: what was sent}, to show the choices again."""
        return {name: self[name].data for name in self.profile}

    def choices(self):
        """{field: option key, or None for "not saying"}, once the form is valid."""
        return flow.parse_profile(self.typed, self.profile)[0]


class BarrierForm(Form):
    """The optional "Wat houdt je tegen?": one of the content's answers (content.barrier_options)."""

    answer = StringField()

    def __init__(self, *args, options, **kwargs):
        self.options = options
        super().__init__(*args, **kwargs)

    def validate_answer(self, field):
        """Only a known answer: anything else is a clear message, never a count."""
        if not field.data:
            raise ValidationError(BARRIER_MISSING)
        if field.data not in self.options:
            raise ValidationError(PROBLEMS["unknown"])


BARRIER_MISSING = _l("Kies een van de antwoorden hieronder, of sla deze vraag gewoon over.")


class ResultFeedbackForm(Form):
    """"Had je iets aan dit resultaat?": one of feedback.ANSWERS."""

    answer = StringField()

    def validate_answer(self, field):
        """Only a known answer: anything else is a clear message, never a count."""
        if not field.data:
            raise ValidationError(FEEDBACK_MISSING)
        if field.data not in feedback.ANSWERS:
            raise ValidationError(FEEDBACK_UNKNOWN)


FEEDBACK_MISSING = _l("Kies Ja, Een beetje of Nee.")
FEEDBACK_UNKNOWN = _l("Dit antwoord kennen we niet. Kies Ja, Een beetje of Nee.")
