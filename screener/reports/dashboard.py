"""Every block of the dashboard for a range: figures read by queries, decided by the pure modules.

Each block is a Table (the accessible table, the CSV and the chart all come from it), so the
three always show the same numbers, with the same suppression.
"""
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from . import cases as casework
from . import labels, periods, queries, suppression
from .stats import share, waiting_summary
from .suppression import HIDDEN, Hidden

STALE_AFTER = timedelta(hours=24)  # an unfinished screening without a move for a day has stopped


@dataclass
class Chart:
    """What to draw: 'line', 'bar' or 'hbar', labels on the x axis, named series, campaign markers."""

    kind: str
    labels: list
    series: list  # [(name, [value or None])]
    markers: list = field(default_factory=list)  # [(label index, text)]
    alt: str = ""

    @property
    def has_data(self):
        """False when every value is zero or hidden: an empty chart says nothing the table does not."""
        return any(isinstance(v, (int, float)) and v for _, values in self.series for v in values)


@dataclass
class Table:
    """One block: a title, column headers, rows of cells (int, float, str, None or HIDDEN)."""

    key: str
    title: str
    columns: list
    rows: list
    note: str = None
    chart: Chart = None
    footer: list = None  # a totals row, kept apart so it is not drawn

    @property
    def text_columns(self):
        """Indexes of columns (after the first) that hold words, not figures: aligned left."""
        first = self.rows[0] if self.rows else []
        return {i for i, v in enumerate(first) if i > 0 and not isinstance(v, (int, float, suppression.Hidden, type(None)))}


@dataclass
class Report:
    chosen: periods.Range
    granularity: str
    summary: list  # [(label, value)]
    tables: dict
    annotations: list


def _suppressed(value):
    return HIDDEN if suppression.is_small(value) else value


def _pct(part, whole):
    if isinstance(part, Hidden) or isinstance(whole, Hidden):
        return None
    return share(part, whole)


def _chart_value(value):
    return None if isinstance(value, Hidden) else value


def _campaigns(annotations, period_list, granularity):
    """{period: 'label, label'} for the annotations that fall in each period."""
    found = {}
    for note in annotations:
        period = periods.period_of(date.fromisoformat(note["day"]), granularity)
        found.setdefault(period, []).append(note["label"])
    return {p: ", ".join(found[p]) for p in period_list if p in found}


def _markers(campaigns, period_list):
    return [(i, campaigns[p]) for i, p in enumerate(period_list) if p in campaigns]


def build(db, chosen, granularity, now, providers, items, nodes, form_page):
    """The whole report for a range of Belgian days, as of `now` (aware UTC)."""
    utc_from, utc_to = chosen.utc_bounds()
    day_from, day_to = chosen.start.isoformat(), chosen.end.isoformat()
    period_list = periods.periods(chosen, granularity)
    notes = queries.annotations(db, day_from, day_to)
    campaigns = _campaigns(notes, period_list, granularity)

    site = _site(db, chosen, granularity, period_list, campaigns)
    screenings = _screenings(db, chosen, granularity, period_list, campaigns, utc_from, utc_to)
    case_rows = queries.cases_since(db, utc_from)
    requests = [c for c in case_rows if c["parent_case_id"] is None and c["created_at"] < utc_to]
    in_range = [c for c in case_rows if c["created_at"] < utc_to]
    chains = casework.chains([c for c in case_rows])
    request_chains = [chains[c["id"]] for c in requests]
    provider_by_id = {p.id: p for p in providers}

    tables = {}
    per_provider, per_kind, flow, outcome, closed = _case_tables(request_chains, providers, provider_by_id)
    tables["trechter"] = _funnel(db, site["visitors"], screenings, requests, closed, form_page, day_from, day_to)
    tables["afhakers"] = _dropoff(db, items, screenings["started"], utc_from, utc_to, now)
    tables["screenings"] = screenings["table"]
    headings = {"band": _l("Kleur"), "gender": _l("Gender"), "sector": _l("Sector"), "province": _l("Provincie")}
    for column, mapping, key, title in (
        ("band", labels.BANDS, "per-kleur", _l("Afgeronde screenings per kleur")),
        ("gender", labels.GENDERS, "per-gender", _l("Afgeronde screenings per gender")),
        ("sector", labels.SECTORS, "per-sector", _l("Afgeronde screenings per sector")),
        ("province", labels.PROVINCES, "per-provincie", _l("Afgeronde screenings per provincie")),
    ):
        tables[key] = _breakdown(key, title, mapping, queries.completed_by(db, column, utc_from, utc_to), False,
                                 headings[column])
    tables["aanvragen-hulpverlener"], tables["aanvragen-soort"] = per_provider, per_kind
    for column, mapping, key, title in (
        ("sector", labels.SECTORS, "aanvragen-sector", _l("Aanvragen per sector")),
        ("gender", labels.GENDERS, "aanvragen-gender", _l("Aanvragen per gender")),
        ("province", labels.PROVINCES, "aanvragen-provincie", _l("Aanvragen per provincie")),
    ):
        counts = {}
        for case in requests:
            counts[case[column]] = counts.get(case[column], 0) + 1
        tables[key] = _breakdown(key, title, mapping, counts, True, headings[column])
    open_now = queries.open_cases(db)
    tables["wachttijd-hulpverlener"], tables["wachttijd-soort"] = _waiting(in_range, open_now, providers, provider_by_id, now)
    tables["doorstroom"], tables["uitkomst"] = flow, outcome
    tables["eerste-helper"] = _firsthelper(db, nodes, day_from, day_to)
    tables["bezoek"] = site["table"]
    tables["paginas"] = _pages(db, day_from, day_to)

    median_wait = waiting_summary(casework.waits(in_range, now))["median"] if len(in_range) >= suppression.THRESHOLD else None
    summary = [
        (_l("Bezoekers"), site["visitors"]),
        (_l("Screenings afgerond"), screenings["completed"]),
        (_l("Afgerond per dag"), round(screenings["completed"] / chosen.days, 1)),
        (_l("Aanvragen"), _suppressed(len(requests))),
        (_l("Mediaan wachttijd (uur)"), median_wait),
    ]
    return Report(chosen, granularity, summary, tables, notes)


# --- site -----------------------------------------------------------------------------------

def _site(db, chosen, granularity, period_list, campaigns):
    per_day = queries.visits_per_day(db, chosen.start.isoformat(), chosen.end.isoformat())
    totals = {p: [0, 0, 0, 0, 0] for p in period_list}
    for day_text, figures in per_day.items():
        period = periods.period_of(date.fromisoformat(day_text), granularity)
        for i, value in enumerate(figures):
            totals[period][i] += value or 0
    rows = []
    for p in period_list:
        visitors, visits, returning, views, seconds = totals[p]
        rows.append([periods.period_label(p, granularity), visitors, visits, share(returning, visits), views,
                     round(seconds / visits) if visits else None, campaigns.get(p, "")])
    all_ = [sum(t[i] for t in totals.values()) for i in range(5)]
    footer = [_l("Totaal"), all_[0], all_[1], share(all_[2], all_[1]), all_[3],
              round(all_[4] / all_[1]) if all_[1] else None, ""]
    table = Table(
        "bezoek", _l("Bezoek aan de site"),
        [_l("Periode"), _l("Bezoekers"), _l("Bezoeken"), _l("Terugkerend (%)"), _l("Paginaweergaven"),
         _l("Gem. duur bezoek (s)"), _l("Campagne")],
        rows,
        note=_l("Bezoekers worden per dag geteld, zonder cookie die iemand volgt: wie op twee dagen komt, telt twee keer."),
        chart=Chart("line", [r[0] for r in rows],
                    [(_l("Bezoekers"), [r[1] for r in rows]), (_l("Paginaweergaven"), [r[4] for r in rows])],
                    _markers(campaigns, period_list), _l("Bezoekers en paginaweergaven per periode, met campagnes")),
        footer=footer,
    )
    return {"table": table, "visitors": all_[0]}


def _pages(db, day_from, day_to):
    rows = [[page, views, visits] for page, views, visits in queries.top_pages(db, day_from, day_to)]
    return Table("paginas", _l("Meest bezochte pagina's"), [_l("Pagina"), _l("Weergaven"), _l("Bezoeken")], rows,
                 chart=Chart("hbar", [r[0] for r in rows], [(_l("Weergaven"), [r[1] for r in rows])],
                             alt=_l("Weergaven per pagina")))


# --- screenings -----------------------------------------------------------------------------

def _screenings(db, chosen, granularity, period_list, campaigns, utc_from, utc_to):
    counts = {p: {"started": 0, "completed": 0, "green": 0, "orange": 0, "red": 0} for p in period_list}
    for hour, status, band, count in queries.screenings_per_hour(db, utc_from, utc_to):
        period = periods.period_of(periods.local_day_of_utc_hour(hour), granularity)
        if period not in counts:
            continue
        counts[period]["started"] += count
        if status == "completed":
            counts[period]["completed"] += count
            if band in ("green", "orange", "red"):
                counts[period][band] += count
    rows = []
    for p in period_list:
        c = counts[p]
        per_day = round(c["completed"] / periods.days_in_period(p, granularity, chosen), 1)
        rows.append([periods.period_label(p, granularity), c["started"], c["completed"], c["green"], c["orange"],
                     c["red"], per_day, campaigns.get(p, "")])
    total = {k: sum(c[k] for c in counts.values()) for k in ("started", "completed", "green", "orange", "red")}
    footer = [_l("Totaal"), total["started"], total["completed"], total["green"], total["orange"], total["red"],
              round(total["completed"] / chosen.days, 1), ""]
    table = Table(
        "screenings", _l("Screenings in de tijd"),
        [_l("Periode"), _l("Gestart"), _l("Afgerond"), _l("Groen"), _l("Oranje"), _l("Rood"),
         _l("Afgerond per dag"), _l("Campagne")],
        rows,
        chart=Chart("line", [r[0] for r in rows],
                    [(_l("Gestart"), [r[1] for r in rows]), (_l("Afgerond"), [r[2] for r in rows])],
                    _markers(campaigns, period_list), _l("Gestarte en afgeronde screenings per periode, met campagnes")),
        footer=footer,
    )
    return {"table": table, "started": total["started"], "completed": total["completed"], "bands": total}


def _dropoff(db, items, started, utc_from, utc_to, now):
    stopped = queries.stopped_at(db, utc_from, utc_to, periods.utc_iso(now - STALE_AFTER))
    ordered = [(item_id, text) for item_id, text in items]
    known = {item_id for item_id, _ in ordered}
    ordered += [(item_id, item_id or _l("Voor de eerste vraag")) for item_id in sorted(stopped, key=str) if item_id not in known]
    rows = [[text, stopped.get(item_id, 0), share(stopped.get(item_id, 0), started)] for item_id, text in ordered]
    return Table(
        "afhakers", _l("Waar mensen stoppen in de screener"),
        [_l("Vraag"), _l("Gestopt"), _l("% van gestart")], rows,
        note=_l("Een screening die een dag lang niet verder ging, telt als gestopt bij de laatst getoonde vraag."),
        chart=Chart("hbar", [f"{i}. {str(r[0])[:38]}" for i, r in enumerate(rows, 1)], [(_l("Gestopt"), [r[1] for r in rows])],
                    alt=_l("Aantal gestopte screenings per vraag")),
        footer=[_l("Totaal"), sum(r[1] for r in rows), share(sum(r[1] for r in rows), started)],
    )


def _funnel(db, visitors, screenings, requests, closed, form_page, day_from, day_to):
    """The funnel; `closed` comes suppressed with the outcomes, so "still open" cannot be subtracted."""
    form_opened = queries.page_visits(db, form_page, day_from, day_to) if form_page else 0
    sent = len(requests)
    in_time = sum(1 for c in requests if casework.contacted_in_time(c))
    bands = screenings["bands"]
    main = [
        (_l("Bezoekers"), visitors),
        (_l("Screener gestart"), screenings["started"]),
        (_l("Screener afgerond"), screenings["completed"]),
    ]
    rows, steps, previous = [], [], None
    for text, value in main:
        rows.append([text, value, _pct(value, previous) if previous is not None else None])
        steps.append(rows[-1])
        previous = value
    for band in ("green", "orange", "red"):
        rows.append([_l("waarvan %(band)s", band=labels.BANDS[band]), bands[band], _pct(bands[band], screenings["completed"])])
    sent_shown = _suppressed(sent)
    for text, value, base in (
        (_l("Aanmeldformulier geopend"), form_opened, previous),
        (_l("Aanvraag verstuurd"), sent_shown, form_opened),
        (_l("Eerste contact op tijd"), _suppressed(in_time), sent_shown),
        (_l("Afgesloten"), closed, sent_shown),
    ):
        rows.append([text, value, _pct(value, base)])
        steps.append(rows[-1])
    return Table(
        "trechter", _l("Van bezoek tot hulp"), [_l("Stap"), _l("Aantal"), _l("Doorstroom (%)")], rows,
        note=_l("Kleuren tellen als deel van de afgeronde screenings; eerste contact op tijd en afgesloten als deel "
                "van de verstuurde aanvragen. Aantallen onder 5 tonen we als <5."),
        chart=Chart("hbar", [str(r[0]) for r in steps], [(_l("Aantal"), [_chart_value(r[1]) for r in steps])],
                    alt=_l("Aantal mensen per stap, van bezoek tot hulp")),
    )


# --- breakdowns -----------------------------------------------------------------------------

def _breakdown(key, title, mapping, counts, hide, heading):
    """Rows for every known value (zero included), then unknown and empty values; optional suppression."""
    keys = list(mapping) + sorted((k for k in counts if k not in mapping and k is not None), key=str)
    keys += [None] if None in counts else []
    counts = {k: counts.get(k, 0) for k in keys}
    shown = suppression.one_way(counts) if hide else {**counts, "_total": sum(counts.values())}
    total = shown["_total"]
    rows = [[labels.label(mapping, k), shown[k], _pct(shown[k], total)] for k in keys]
    return Table(
        key, title, [heading, _l("Aantal"), _l("% van totaal")], rows,
        chart=Chart("hbar", [str(r[0]) for r in rows], [(_l("Aantal"), [_chart_value(r[1]) for r in rows])],
                    alt=title),
        footer=[_l("Totaal"), total, 100 if total and not isinstance(total, Hidden) else None],
    )


def _waiting(cases, open_now, providers, provider_by_id, now):
    def key_of(case):
        return case["provider_id"] if case["provider_id"] in provider_by_id else None

    keys = [p.id for p in providers] + ([None] if any(key_of(c) is None for c in cases + open_now) else [])
    kind_of = {k: (provider_by_id[k].kind if k else None) for k in keys}
    waits = {k: casework.waits([c for c in cases if key_of(c) == k], now) for k in keys}
    n = suppression.grouped({k: len(waits[k]) for k in keys}, kind_of)
    opened = suppression.grouped({k: sum(1 for c in open_now if key_of(c) == k) for k in keys}, kind_of)
    late = suppression.grouped({k: sum(1 for c in open_now if key_of(c) == k and casework.is_overdue(c, now)) for k in keys},
                               kind_of)

    def row(name, kind_label, count, summary, open_count, late_count):
        if isinstance(count, Hidden) and count.small:  # a shielded count is 5 or more: figures may show
            summary = {"mean": None, "median": None, "p90": None, "in_time": None}
        cells = [name] + ([kind_label] if kind_label is not None else [])
        return cells + [count, summary["mean"], summary["median"], summary["p90"], summary["in_time"], open_count, late_count]

    figures = [_l("Aantal"), _l("Gemiddeld (uur)"), _l("Mediaan (uur)"), _l("90% binnen (uur)"), _l("Op tijd (%)"),
               _l("Open nu"), _l("Te laat nu")]
    rows = [row(provider_by_id[k].name if k else labels.UNASSIGNED, labels.label(labels.KINDS, kind_of[k]), n[k],
                waiting_summary(waits[k]), opened[k], late[k]) for k in keys]
    per_provider = Table(
        "wachttijd-hulpverlener", _l("Wachttijd tot eerste contact per hulpverlener"),
        [_l("Hulpverlener"), _l("Soort")] + figures, rows,
        note=_l("Uren op de klok, van aanvraag tot eerste contact. Wie na de termijn nog wacht, telt mee als te laat. "
                "Open en te laat: de toestand nu, los van de gekozen periode."),
        chart=Chart("hbar", [r[0] for r in rows], [(_l("Mediaan (uur)"), [r[4] for r in rows]),
                                                   (_l("90% binnen (uur)"), [r[5] for r in rows])],
                    alt=_l("Mediaan en 90e percentiel van de wachttijd per hulpverlener")),
    )
    kinds = [k for k in ("edpb", "elp", "cgg", None) if ("group", k) in n]
    kind_rows = []
    for kind in kinds:
        members = [k for k in keys if kind_of[k] == kind]
        summary = waiting_summary([w for k in members for w in waits[k]])
        kind_rows.append(row(labels.label(labels.KINDS, kind), None, n[("group", kind)], summary,
                             opened[("group", kind)], late[("group", kind)]))
    per_kind = Table(
        "wachttijd-soort", _l("Wachttijd tot eerste contact per soort hulpverlener"), [_l("Soort")] + figures, kind_rows,
        chart=Chart("bar", [str(r[0]) for r in kind_rows], [(_l("Mediaan (uur)"), [r[3] for r in kind_rows]),
                                                            (_l("90% binnen (uur)"), [r[4] for r in kind_rows])],
                    alt=_l("Mediaan en 90e percentiel van de wachttijd per soort hulpverlener")),
    )
    return per_provider, per_kind


STEP_KIND = {1: "edpb", 2: "elp", 3: "cgg"}
PATHS = ("1", "1 → 2", "1 → 2 → 3", "2", "2 → 3", "3")


def _case_tables(request_chains, providers, provider_by_id):
    """Cases per provider and per kind, paths through the steps and outcomes, suppressed together.

    All four count the requests of the range (with the cases they were referred to), so their sums
    form one set of lines: a small count in one table cannot be found from the figures of another.
    """
    cases = [case for chain in request_chains for case in chain]
    counts = {("p", p.id, p.step): 0 for p in providers}
    for case in cases:
        key = ("p", case["provider_id"] if case["provider_id"] in provider_by_id else None, case["step"])
        counts[key] = counts.get(key, 0) + 1
    counts = {k: v for k, v in counts.items() if k[1] is not None or v}
    paths, outcomes = dict.fromkeys(PATHS, 0), dict.fromkeys(labels.OUTCOMES, 0)
    for chain in request_chains:
        path, state = casework.step_path(chain), casework.final_state(chain)
        paths[path] = paths.get(path, 0) + 1
        outcomes[state] = outcomes.get(state, 0) + 1
    steps = sorted({k[2] for k in counts})
    values = dict(counts)
    values.update({("step", s): sum(v for k, v in counts.items() if k[2] == s) for s in steps})
    values.update({("path", p): n for p, n in paths.items()})
    values.update({("outcome", o): n for o, n in outcomes.items()})
    values.update({"_cases": len(cases), "_requests": len(request_chains)})
    values["_closed"] = len(request_chains) - outcomes.get("open", 0)  # the funnel's last step
    lines = [(("step", s), [k for k in counts if k[2] == s]) for s in steps]
    lines += [("_cases", [("step", s) for s in steps]), ("_cases", list(counts)),
              ("_requests", [("path", p) for p in paths]), ("_requests", [("outcome", o) for o in outcomes]),
              ("_requests", ["_closed", ("outcome", "open")])]
    if all(len(set(p.split(" → "))) == len(p.split(" → ")) for p in paths):
        # The cases at a step are the requests whose path passes that step.
        for s in steps:
            lines.append((("step", s), [("path", p) for p in paths if str(s) in p.split(" → ")]))
    shown = suppression.apply(values, lines)

    def kind_label(step):
        return labels.label(labels.KINDS, STEP_KIND.get(step))

    rows = [[provider_by_id[k[1]].name if k[1] else labels.UNASSIGNED, kind_label(k[2]), shown[k]] for k in counts]
    per_provider = Table(
        "aanvragen-hulpverlener", _l("Aanvragen per hulpverlener"), [_l("Hulpverlener"), _l("Soort"), _l("Aanvragen")],
        rows, note=_l("De aanvragen uit deze periode, bij elke hulpverlener die ze kreeg: een doorverwijzing telt "
                      "als een nieuwe aanvraag bij de volgende hulpverlener."),
        chart=Chart("hbar", [r[0] for r in rows], [(_l("Aanvragen"), [_chart_value(r[2]) for r in rows])],
                    alt=_l("Aanvragen per hulpverlener")),
        footer=[_l("Totaal"), "", shown["_cases"]],
    )
    kind_rows = [[kind_label(s), shown[("step", s)]] for s in steps]
    per_kind = Table(
        "aanvragen-soort", _l("Aanvragen per soort hulpverlener"), [_l("Soort"), _l("Aanvragen")], kind_rows,
        chart=Chart("bar", [str(r[0]) for r in kind_rows], [(_l("Aanvragen"), [_chart_value(r[1]) for r in kind_rows])],
                    alt=_l("Aanvragen per soort hulpverlener")),
        footer=[_l("Totaal"), shown["_cases"]],
    )
    total = shown["_requests"]
    rows = [[_l("Trap %(path)s", path=p), shown[("path", p)], _pct(shown[("path", p)], total)] for p in paths]
    flow = Table(
        "doorstroom", _l("Doorstroom tussen de trappen"), [_l("Weg"), _l("Aanvragen"), _l("% van totaal")], rows,
        note=_l("Per aanvraag de trappen die ze doorliep: 1 preventiedienst, 2 eerstelijnspsycholoog, 3 CGG."),
        chart=Chart("bar", [str(r[0]) for r in rows], [(_l("Aanvragen"), [_chart_value(r[1]) for r in rows])],
                    alt=_l("Aanvragen per weg door de trappen")),
        footer=[_l("Totaal"), total, None],
    )
    rows = [[labels.label(labels.OUTCOMES, o), shown[("outcome", o)], _pct(shown[("outcome", o)], total)] for o in outcomes]
    outcome = Table(
        "uitkomst", _l("Uitkomst van de aanvragen"), [_l("Uitkomst"), _l("Aanvragen"), _l("% van totaal")], rows,
        note=_l("De uitkomst bij de laatste hulpverlener van elke aanvraag."),
        chart=Chart("hbar", [str(r[0]) for r in rows], [(_l("Aanvragen"), [_chart_value(r[1]) for r in rows])],
                    alt=_l("Uitkomst van de aanvragen")),
        footer=[_l("Totaal"), total, None],
    )
    return per_provider, per_kind, flow, outcome, shown["_closed"]


def _firsthelper(db, nodes, day_from, day_to):
    totals = {}
    for node_id, kind, count in queries.firsthelper_totals(db, day_from, day_to):
        totals.setdefault(node_id, {"visit": 0, "play": 0})[kind] = count
    ordered = list(nodes) + [(n, n) for n in sorted(totals) if n not in dict(nodes)]
    rows = [[text, totals.get(node_id, {}).get("visit", 0), totals.get(node_id, {}).get("play", 0)] for node_id, text in ordered]
    return Table(
        "eerste-helper", _l("Eerste helper: bezoeken en video's"), [_l("Stap"), _l("Bezocht"), _l("Video gestart")], rows,
        chart=Chart("hbar", [str(r[0])[:40] for r in rows],
                    [(_l("Bezocht"), [r[1] for r in rows]), (_l("Video gestart"), [r[2] for r in rows])],
                    alt=_l("Bezoeken en videoweergaven per stap van de eerste helper")),
        footer=[_l("Totaal"), sum(r[1] for r in rows), sum(r[2] for r in rows)],
    )
