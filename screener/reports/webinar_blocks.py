"""The webinars' block on the coordinators' dashboard: viewers, questions and answers per session."""
from flask_babel import format_datetime, lazy_gettext as _l

from .blocks import Table, suppressed
from ..webinars import queries


def tables(db, utc_from, utc_to):
    """{'webinars': Table} for the sessions that started in the range (counts of 1 to 4 hidden)."""
    figures = queries.counts(db)
    rows = []
    for session in queries.all_sessions(db):
        if not utc_from <= session["starts_at"] < utc_to:
            continue
        count = figures.get(session["id"], {})
        rows.append([session["title"], format_datetime(session["starts"], "d MMM yyyy HH:mm"),
                     suppressed(count.get("viewers", 0)), suppressed(count.get("asked", 0)),
                     suppressed(count.get("answered", 0))])
    return {"webinars": Table(
        key="webinars", title=_l("Webinars"),
        columns=[_l("Sessie"), _l("Begin"), _l("Kijkers live"), _l("Vragen"), _l("Beantwoord")],
        rows=rows, note=_l("Kijkers: browsers die de livepagina openden, één keer per sessie en per dag."))}
