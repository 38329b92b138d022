"""The check-in form (Flask-WTF): the screener's questions, three about the help, an optional remark. Messages in Dutch."""
from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import ValidationError

from ..forms import Form, cleaned
from ..screening import flow
from ..screening.forms import PROBLEMS

REMARK_LIMIT = 500
# The three questions about the help are our own wording (not a licensed questionnaire).
SATISFACTION = {
    "overall": {"question": _l("Hoe was je ervaring met de hulp, alles samen?"),
                "options": [("1", _l("Heel slecht")), ("2", _l("Slecht")), ("3", _l("Niet goed, niet slecht")),
                            ("4", _l("Goed")), ("5", _l("Heel goed"))]},
    "help": {"question": _l("Kreeg je de hulp die je nodig had?"),
             "options": [("yes", _l("Ja")), ("partly", _l("Een beetje")), ("no", _l("Nee"))]},
    "recommend": {"question": _l("Zou je het een collega aanraden?"),
                  "options": [("yes", _l("Ja")), ("maybe", _l("Misschien")), ("no", _l("Nee"))]},
}
REMARK_TOO_LONG = _l("Hou je opmerking kort: maximaal 500 tekens.")


class OneOf:
    """A validator: the answer is one of `keys`; else the screener's Dutch message."""

    def __init__(self, keys):
        self.keys = keys

    def __call__(self, form, field):
        if not field.data:
            raise ValidationError(PROBLEMS["missing"])
        if field.data not in self.keys:
            raise ValidationError(PROBLEMS["unknown"])


class OnScale:
    """A validator: an option of a screener scale (flow.parse_choice)."""

    def __init__(self, scale):
        self.scale = scale

    def __call__(self, form, field):
        try:
            flow.parse_choice(field.data, self.scale)
        except flow.InvalidAnswer as exc:
            raise ValidationError(PROBLEMS[exc.reason]) from None


class CheckinForm(Form):
    """The answers of one check-in; build it with `checkin_form(items, scales)`."""

    overall = StringField(validators=[OneOf([key for key, _ in SATISFACTION["overall"]["options"]])])
    help = StringField(validators=[OneOf([key for key, _ in SATISFACTION["help"]["options"]])])
    recommend = StringField(validators=[OneOf([key for key, _ in SATISFACTION["recommend"]["options"]])])
    # Read longer than the limit, so that a remark too long is said, not silently cut.
    remark = TextAreaField(filters=[cleaned(REMARK_LIMIT * 4)])

    def validate_remark(self, field):
        if len(field.data) > REMARK_LIMIT:
            raise ValidationError(REMARK_TOO_LONG)

    def answers(self):
        """{item id: value} of the screener's questions, once valid."""
        return {item["id"]: int(self[item["id"]].data) for item in self.items}

    def satisfaction(self):
        """{overall: 1-5, help: yes/partly/no, recommend: yes/maybe/no}, once valid."""
        return {"overall": int(self.overall.data), "help": self.help.data, "recommend": self.recommend.data}


def checkin_form(items, scales, **kwargs):
    """A CheckinForm with one field per screener item (named by its id)."""
    fields = {item["id"]: StringField(validators=[OnScale(scales[item["scale"]])]) for item in items}
    form = type("ItemsCheckinForm", (CheckinForm,), fields)(**kwargs)
    form.items = items
    return form
