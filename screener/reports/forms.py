"""Forms of the reports (Flask-WTF). Messages in Dutch."""
from wtforms import StringField

from ..forms import Form, ParsedBy
from .annotations import parse_annotation, parse_day, parse_label


class AnnotationForm(Form):
    """A note on a date (a campaign, a newsletter): shown with every time series."""

    dag = StringField(validators=[ParsedBy(parse_day)])
    label = StringField(validators=[ParsedBy(parse_label)])

    def note(self):
        """(day as ISO text, label on one line), once the form is valid."""
        day, label, _problems = parse_annotation(self.dag.data, self.label.data)
        return day, label
