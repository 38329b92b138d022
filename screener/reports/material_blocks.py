"""The materials' block of the coordinators' dashboard: downloads per poster, paper size and organisation."""
from flask_babel import lazy_gettext as _l

from .blocks import Table
from ..materials import posters, queries


def tables(db, day_from, day_to):
    """{key: Table} of the downloads between two Belgian days (ISO text).

    Downloads are counts of files, not of people, so the small-number rules do not hide them.
    """
    rows = {}
    for key, paper, code, name, count in queries.downloads(db, day_from, day_to):
        poster = posters.BY_KEY.get(key)
        title = str(poster.title) if poster else key
        who = name or (code if code else str(_l("zonder logo")))
        row = rows.setdefault((title, who), [title, who, 0, 0])
        row[2 if paper == "a4" else 3] += count
    body = sorted(rows.values())
    footer = [str(_l("Totaal")), "", sum(r[2] for r in body), sum(r[3] for r in body)] if body else None
    return {"materiaal": Table(
        key="materiaal",
        title=_l("Affiches gedownload"),
        columns=[_l("Affiche"), _l("Organisatie"), "A4", "A3"],
        rows=body,
        note=_l("Aantal gedownloade bestanden, geen personen. Een organisatie met een eigen logo staat apart."),
        footer=footer,
    )}
