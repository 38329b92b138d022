"""The campaign figures as report Tables, with the small-number rules: the dashboard's blocks and the campaign page's rows."""
from flask_babel import gettext as _

from .blocks import Table, suppressed
from ..campaigns import queries, rules
from ..campaigns.codes import kind_label

def campaign_rows(db, day_from, day_to):
    """[{code, kind, label, created_at, figures: {metric: count or HIDDEN}}] for every code, newest first.

    Every figure from 1 to 4 is hidden: one request through a small organisation's poster on one
    day would otherwise point at a person.
    """
    tallies = queries.tallies(db, day_from, day_to)
    return [{**c, "figures": {m: suppressed(tallies.get(c["code"], {}).get(m, 0)) for m in rules.METRICS}}
            for c in queries.all_codes(db)]


def campaigns_table(db, day_from, day_to):
    """The dashboard block: per campaign code, visits, screenings and requests for help in the range."""
    rows = [[f'{c["label"]} ({c["code"]})', kind_label(c["kind"]), *(c["figures"][m] for m in rules.METRICS)]
            for c in campaign_rows(db, day_from, day_to)]
    return Table("campagnes", _("Campagnes: wie bracht wie"),
                 [_("Campagne"), _("Soort"), _("Bezoekers"), _("Screeners gestart"), _("Screeners ingevuld"),
                  _("Hulpvragen")], rows,
                 note=_("Geteld zonder cookies: wie via een campagnelink of ?bron= binnenkomt, wordt die dag "
                        "herkend aan een dagelijks wisselende code. Wat die bezoeker dezelfde dag start, invult of "
                        "aanvraagt, telt mee. Aantallen van 1 tot 4 tonen we als <5."))


def returning_table(db, day_from, day_to):
    """The dashboard block: the answers to "Heb je deze screener al eens ingevuld?"."""
    counts = queries.returning_answers(db, day_from, day_to)
    labels = {"ja": _("Ja, al eens ingevuld"), "nee": _("Nee, de eerste keer"), "liever_niet": _("Zeg ik liever niet")}
    rows = [[labels[a], suppressed(counts.get(a, 0))] for a in rules.RETURNING_ANSWERS] if counts else []
    return Table("terugkerend", _("Terugkerende invullers"), [_("Antwoord"), _("Ingevulde screeners")], rows,
                 note=_("Geteld uit de vrijwillige vraag \"Heb je deze screener al eens ingevuld?\" op het laatste "
                        "scherm. Alleen een aantal per dag en antwoord, zonder cookie en zonder koppeling aan een "
                        "screening. Wie de vraag overslaat, telt niet mee."))


def tables(db, day_from, day_to):
    """{key: Table} for the main dashboard."""
    return {"campagnes": campaigns_table(db, day_from, day_to),
            "terugkerend": returning_table(db, day_from, day_to)}
