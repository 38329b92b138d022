"""The steering group's questions answered first (pure): each figure read from a block's own table.

Only the built tables go in, so every answer equals the figure in its detail block, with the same
small-number suppression: nothing is counted again here.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from . import labels
TOP_PAGES = 3


@dataclass
class Answer:
    """One question with its figure, one line of context and the detail block it comes from."""

    question: str
    figure: object  # int, float, str, Hidden or None (no figure)
    context: str
    anchor: str  # the key of the detail block: its id is blok-<anchor>


def text(value):
    """A figure as the dashboard prints it: 12,5 for a float, – for none, <5 or × for a hidden count."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _count(value):
    """A shown count as a number to compare, hidden and empty ones as -1."""
    return value if isinstance(value, int) else -1


def _parts(rows, count_column=1, share_column=2, limit=None):
    """'label n (x %)' for the rows with most, largest first; hidden counts as the table shows them."""
    ordered = sorted((r for r in rows if r[count_column] != 0), key=lambda r: -_count(r[count_column]))[:limit]
    return ", ".join(
        f"{r[0]} {text(r[count_column])}" + (f" ({text(r[share_column])} %)" if r[share_column] is not None else "")
        for r in ordered)


def _top_share(rows, count_column=1, share_column=2):
    """(label, share %) of the row with the largest shown count, or (None, None)."""
    shown = [r for r in rows if isinstance(r[count_column], int) and r[count_column] > 0]
    if not shown:
        return None, None
    top = max(shown, key=lambda r: r[count_column])
    return top[0], top[share_column]


def _site(tables):
    site = tables["bezoek"].footer  # Totaal, visitors, visits, returning %, page views, duration, ""
    pages = tables["paginas"].rows  # [route pattern, views, visits], most viewed first
    named = [(labels.page_name(page), views) for page, views, _visits in pages[:TOP_PAGES]]
    return [
        Answer(_l("Hoeveel mensen bezochten de site?"), site[1],
               _l("%(visits)s bezoeken; %(returning)s %% van de bezoeken kwam terug.", visits=text(site[2]),
                  returning=text(site[3])), "bezoek"),
        Answer(_l("Hoeveel pagina's werden bekeken?"), site[4],
               _l("Paginaweergaven, alle pagina's samen."), "bezoek"),
        Answer(_l("Welke pagina's werden het meest bekeken?"), named[0][0] if named else None,
               ", ".join(f"{name} {text(views)}" for name, views in named) if named else _l("Geen gegevens in deze periode."),
               "paginas"),
    ]


def _screenings(tables):
    per_band = tables["per-kleur"]  # [band, count, % of total]; footer Totaal, count
    return [Answer(_l("Hoeveel screenings werden afgerond?"), per_band.footer[1],
                   _l("Per kleur: %(parts)s.", parts=_parts(per_band.rows) or "–"), "per-kleur")]


def _requests(tables):
    flow = tables["doorstroom"]  # requests of the range, exact
    uptake = tables["aanvragen-per-kleur"]  # [result, screenings, requests, per 100]; footer overall share
    bands = ", ".join(f"{r[0]} {text(r[3])}" for r in uptake.rows if r[1])
    return [
        Answer(_l("Hoeveel aanvragen kwamen er?"), flow.footer[1],
               _l("Aanvragen voor hulp, doorverwijzingen niet meegeteld."), "doorstroom"),
        Answer(_l("Hoeveel screenings werden een aanvraag? (per 100)"), uptake.footer[3],
               _l("Aanvragen per 100 afgeronde screenings: %(bands)s.", bands=bands or "–"), "aanvragen-per-kleur"),
    ]


def _breakdowns(tables):
    kind = tables["aanvragen-soort"]  # [kind, cases]; operational, exact
    total = kind.footer[1]
    kind_rows = [[r[0], r[1], round(100 * r[1] / total) if total else None] for r in kind.rows]
    answers = [Answer(_l("Aanvragen per soort hulpverlener"), total,
                      _l("Dossiers, doorverwijzingen meegeteld: %(parts)s.", parts=_parts(kind_rows) or "–"),
                      "aanvragen-soort")]
    for key, question in (("aanvragen-sector", _l("Aanvragen per sector")),
                          ("aanvragen-gender", _l("Aanvragen per gender"))):
        table = tables[key]  # already suppressed: <5 and × as in the block
        label, share = _top_share(table.rows)
        answers.append(Answer(question, f"{label}: {text(share)} %" if label is not None else None,
                              _parts(table.rows, limit=4) or _l("Geen gegevens in deze periode."), key))
    return answers


def _waits(tables):
    answers = []
    # [kind, n, mean, median, p90, in time %, open now, late now]
    for row in tables["wachttijd-soort"].rows:
        if not row[1]:
            continue
        answers.append(Answer(
            _l("Mediaan wachttijd tot eerste contact, %(kind)s (uur)", kind=row[0]), row[3],
            _l("90 %% binnen %(p90)s uur; %(in_time)s %% op tijd (%(n)s aanvragen).", p90=text(row[4]),
               in_time=text(row[5]), n=row[1]), "wachttijd-soort"))
    return answers


def _flow(tables):
    flow = tables["doorstroom"]  # [Trap path, requests, %]; the path has an arrow once a request moved on
    moved = [r for r in flow.rows if "→" in str(r[0])]
    count, total = sum(r[1] for r in moved), flow.footer[1]
    return [Answer(_l("Hoeveel aanvragen gingen verder naar trap 2 of 3?"), count,
                   _l("%(share)s %% van %(total)s aanvragen: %(paths)s.", share=text(round(100 * count / total) if total else None),
                      total=total, paths=", ".join(f"{r[0]} {r[1]}" for r in moved)), "doorstroom")]


def _satisfaction(tables):
    footer = tables["nut-resultaat"].footer  # Totaal, per answer, total, % positive
    return [Answer(_l("Hadden mensen iets aan hun resultaat? (aandeel positief)"),
                   f"{text(footer[-1])} %" if footer[-1] is not None else None,
                   _l("%(n)s antwoorden op \"Had je iets aan dit resultaat?\"; positief is Ja of Een beetje.",
                      n=text(footer[-2])), "nut-resultaat")]


def _outcomes(tables):
    table = tables["beter-na-hulp"]  # [kind, answered, paired, % paired, recovery %, reliable recovery %, improvement %, ...]
    answered = [r for r in table.rows if r[1] != 0]
    if not answered:  # no follow-up answers in the range: say so, never a figure
        return [Answer(_l("Gaat het beter met wie hulp kreeg?"), _l("Nog geen opvolging"),
                       _l("Nog geen opvolging: de eerste check-ins volgen 4 weken na het eerste contact."),
                       "beter-na-hulp")]
    # The figure: recovery at the longest check-in everyone is asked (3 months, else 4 weeks). The 6-month
    # check-in (the table's last row) only follows a recovery at 3 months, so its share is not the group's.
    with_figure = [r for r in answered if r[4] is not None]
    everyone = [r for r in with_figure if r[0] != table.rows[-1][0]]
    main = (everyone or with_figure or [None])[-1]
    parts = "; ".join(
        str(_l("%(kind)s: herstel %(recovery)s %%, betrouwbare verbetering %(improvement)s %% (gepaard %(paired)s van "
           "%(answered)s)", kind=r[0], recovery=text(r[4]), improvement=text(r[6]), paired=text(r[2]),
           answered=text(r[1]))) for r in answered)
    return [Answer(_l("Gaat het beter met wie hulp kreeg?"), f"{text(main[4])} %" if main else None,
                   (f'{_l("Herstel %(kind)s.", kind=str(main[0]).lower())} ' if main else "") + parts + ".",
                   "beter-na-hulp")]


def _help_satisfaction(tables):
    table = tables["tevredenheid-hulp"]  # rows: experience 1-5, then "ja" to help needed and to recommend
    experience, (helped, recommend) = table.rows[:-2], table.rows[-2:]
    good, total = [r[1] for r in experience[-2:]], table.footer[1]  # Goed and Heel goed, of all answers
    # None while a count it needs is hidden, or with fewer than 5 answers.
    share = (round(100 * sum(good) / total) if all(isinstance(n, int) for n in [*good, total]) and total >= 5
             else None)
    return [Answer(_l("Waren mensen tevreden over de hulp? (goed of heel goed)"),
                   f"{text(share)} %" if share is not None else None,
                   _l("%(n)s antwoorden; %(helped)s %% kreeg de hulp die nodig was, %(recommend)s %% zou het een "
                      "collega aanraden.", n=text(table.footer[1]), helped=text(helped[2]), recommend=text(recommend[2])),
                   "tevredenheid-hulp")]


def _barriers(tables):
    table = tables["drempels"]  # [answer, *per band, total, % of total]; footer total
    count, share = len(table.columns) - 2, len(table.columns) - 1
    label, top = _top_share(table.rows, count, share)
    total = table.footer[count]
    return [Answer(_l("Wat houdt mensen tegen? (meest gekozen)"), f"{text(top)} %" if label is not None else None,
                   _l("\"%(answer)s\", van %(total)s antwoorden.", answer=label, total=text(total))
                   if label is not None else _l("Geen gegevens in deze periode."), "drempels")]


def build(tables):
    """[Answer] for the steering group's questions, in their order, from the report's tables."""
    return [*_site(tables), *_screenings(tables), *_requests(tables), *_breakdowns(tables), *_waits(tables),
            *_flow(tables), *_satisfaction(tables), *_outcomes(tables), *_help_satisfaction(tables),
            *_barriers(tables)]
