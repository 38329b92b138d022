"""The cards' block of the coordinators' dashboard: cards sent per month."""
from flask_babel import lazy_gettext as _l

from .blocks import Chart, Table, chart_value, suppressed
from ..cards import sending


def tables(db, day_from, day_to):
    """{key: Table} for the dashboard: cards sent per month within the chosen days."""
    months = sending.per_month(db, day_from[:7], day_to[:7])
    rows = [[month, suppressed(count)] for month, count in months]
    return {"bedankkaartjes": Table(
        "bedankkaartjes", _l("Bedankkaartjes verstuurd per maand"), [_l("Maand"), _l("Kaartjes")], rows,
        note=_l("Per maand van de gekozen periode; 1 tot 4 wordt niet getoond."),
        chart=Chart("bar", [r[0] for r in rows], [(_l("Kaartjes"), [chart_value(r[1]) for r in rows])],
                    alt=_l("Verstuurde bedankkaartjes per maand")),
        footer=[_l("Totaal"), suppressed(sum(count for _, count in months))])}
