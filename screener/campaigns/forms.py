"""Forms of the campaign codes (Flask-WTF). Messages in Dutch."""
from wtforms import StringField

from ..forms import Form, ParsedBy
from .rules import parse_code, parse_kind, parse_label


class CampaignForm(Form):
    """A new campaign code: a name, a kind and the code itself (suggested, editable)."""

    label = StringField(validators=[ParsedBy(parse_label)])
    kind = StringField(validators=[ParsedBy(parse_kind)])
    code = StringField(validators=[ParsedBy(parse_code)])

    def campaign(self):
        """(code, kind, label), once the form is valid."""
        return parse_code(self.code.data)[0], self.kind.data, parse_label(self.label.data)[0]
