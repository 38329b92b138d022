"""Every block of the dashboard for a range: figures read by queries, decided by the pure modules.

Each block is a Table (the accessible table, the CSV and the chart all come from it), so the
three always show the same numbers, with the same suppression.
"""
import functools
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from .. import clock
from .. import content as content_registry
from ..firsthelper import queries as firsthelper_queries
from ..followup import queries as followup_queries
from ..screening import queries as screening_queries
from ..screening.barriers import ASKED_BANDS
from ..screening.feedback import POSITIVE
from ..screening.scoring import result_band
from ..visits import queries as visit_queries
from . import cases as casework
from . import (answers, campaign_blocks, card_blocks, followup_blocks, labels, material_blocks, periods, queries,
               story_blocks, suppression, webinar_blocks)
from .blocks import Chart, Report, Table, percent, rows_chart, suppressed
from .case_blocks import conversations_table, request_tables, waiting_tables
from .stats import share, waiting_summary
from .suppression import Hidden

STALE_AFTER = timedelta(hours=24)  # an unfinished screening without a move for a day has stopped


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
    screenings = _screenings(db, chosen, granularity, period_list, campaigns, day_from, day_to)
    completed = screening_queries.completed_per_band(db, day_from, day_to)  # {(band, crisis): count}
    case_rows = queries.cases_since(db, utc_from)
    requests = [c for c in case_rows if c["parent_case_id"] is None and c["created_at"] < utc_to]
    in_range = [c for c in case_rows if c["created_at"] < utc_to]
    chains = casework.chains(case_rows)
    request_chains = [chains[c["id"]] for c in requests]
    provider_by_id = {p.id: p for p in providers}

    tables = {}
    per_provider, per_kind, flow, outcome, closed = request_tables(request_chains, providers, provider_by_id)
    tables["trechter"] = _funnel(db, site["visitors"], screenings, requests, closed, form_page, day_from, day_to)
    tables["afhakers"] = _dropoff(db, items, screenings["started"], day_from, day_to, now)
    tables["screenings"] = screenings["table"]
    headings = {"band": _l("Kleur"), "gender": _l("Gender"), "sector": _l("Sector"), "province": _l("Provincie")}
    profile = {field: labels.profile_labels(field) for field in ("gender", "sector", "province")}
    for column, mapping, key, title in (
        ("band", labels.BANDS, "per-kleur", _l("Afgeronde screenings per kleur")),
        ("gender", profile["gender"], "per-gender", _l("Afgeronde screenings per gender")),
        ("sector", profile["sector"], "per-sector", _l("Afgeronde screenings per sector")),
        ("province", profile["province"], "per-provincie", _l("Afgeronde screenings per provincie")),
    ):
        counts = (_per_band(completed) if column == "band"
                  else queries.tally(db, "screening_tallies", column, day_from, day_to))
        tables[key] = _breakdown(key, title, mapping, counts, False, headings[column])
    tables["aanvragen-hulpverlener"], tables["aanvragen-soort"] = per_provider, per_kind
    for column, mapping, key, title in (
        ("sector", profile["sector"], "aanvragen-sector", _l("Aanvragen per sector")),
        ("gender", profile["gender"], "aanvragen-gender", _l("Aanvragen per gender")),
        ("province", profile["province"], "aanvragen-provincie", _l("Aanvragen per provincie")),
    ):
        if column == "province":  # the one the worker chose on the request form, kept with the case
            counts = {}
            for case in requests:
                counts[case[column]] = counts.get(case[column], 0) + 1
        else:  # counted per day apart from the cases, so no request can be tied to its screening
            counts = queries.tally(db, "request_tallies", column, day_from, day_to)
        tables[key] = _breakdown(key, title, mapping, counts, True, headings[column])
    tables["aanvragen-per-kleur"] = _uptake(db, completed, day_from, day_to)
    tables["drempels"] = _barrier_answers(db, day_from, day_to)
    tables["nut-resultaat"] = _result_feedback(db, day_from, day_to)
    open_now = queries.open_cases(db)
    tables["wachttijd-hulpverlener"], tables["wachttijd-soort"], waits = waiting_tables(
        in_range, open_now, providers, provider_by_id, now)  # waits: cases not contacted or not yet due are left out
    tables["doorstroom"], tables["uitkomst"] = flow, outcome
    tables["gesprekken"] = conversations_table(in_range)
    checkins = followup_queries.answered_between(db, utc_from, utc_to)
    baselines = screening_queries.scores_of(db, {c["baseline_screening_id"] for c in checkins if c["baseline_screening_id"]})
    tables["beter-na-hulp"] = followup_blocks.improvement_table(
        followup_blocks.figures(checkins, baselines, content_registry.get("outcomes")))
    tables["tevredenheid-hulp"] = followup_blocks.satisfaction_table(checkins)
    tables["eerste-helper"] = _firsthelper(db, nodes, day_from, day_to)
    tables.update(campaign_blocks.tables(db, day_from, day_to))
    tables.update(material_blocks.tables(db, day_from, day_to))
    tables.update(webinar_blocks.tables(db, utc_from, utc_to))
    tables.update(card_blocks.tables(db, day_from, day_to))
    tables.update(story_blocks.tables(db, day_from, day_to))
    tables["bezoek"] = site["table"]
    tables["paginas"] = _pages(db, day_from, day_to)

    median_wait = waiting_summary(waits)["median"] if waits else None
    summary = [
        (_l("Bezoekers"), site["visitors"]),
        (_l("Screenings afgerond"), screenings["completed"]),
        (_l("Afgerond per dag"), round(screenings["completed"] / chosen.days, 1)),
        (_l("Aanvragen"), len(requests)),
        (_l("Mediaan wachttijd (uur)"), median_wait),
    ]
    return Report(chosen, granularity, summary, tables, notes, answers.build(tables))


# --- site -----------------------------------------------------------------------------------

def _site(db, chosen, granularity, period_list, campaigns):
    per_day = visit_queries.visits_per_day(db, chosen.start.isoformat(), chosen.end.isoformat())
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
    rows = [[page, views, visits] for page, views, visits in visit_queries.top_pages(db, day_from, day_to)]
    return Table("paginas", _l("Meest bezochte pagina's"), [_l("Pagina"), _l("Weergaven"), _l("Bezoeken")], rows,
                 chart=rows_chart("hbar", rows, _l("Weergaven"), _l("Weergaven per pagina")))


# --- screenings -----------------------------------------------------------------------------

def _screenings(db, chosen, granularity, period_list, campaigns, day_from, day_to):
    counts = {p: {"started": 0, "completed": 0, "green": 0, "orange": 0, "red": 0} for p in period_list}
    period_of = functools.lru_cache(maxsize=None)(lambda day: periods.period_of(date.fromisoformat(day), granularity))
    for day, status, band, count in screening_queries.per_day(db, day_from, day_to):
        period = period_of(day)
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
        [_l("Periode"), _l("Gestart"), _l("Afgerond"), *(labels.BANDS[band] for band in ("green", "orange", "red")),
         _l("Afgerond per dag"), _l("Campagne")],
        rows,
        chart=Chart("line", [r[0] for r in rows],
                    [(_l("Gestart"), [r[1] for r in rows]), (_l("Afgerond"), [r[2] for r in rows])],
                    _markers(campaigns, period_list), _l("Gestarte en afgeronde screenings per periode, met campagnes")),
        footer=footer,
    )
    return {"table": table, "started": total["started"], "completed": total["completed"], "bands": total}


def _dropoff(db, items, started, day_from, day_to, now):
    stopped = screening_queries.stopped_at(db, day_from, day_to, clock.iso(now - STALE_AFTER))
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
    """The funnel from visitors to closed requests: operational counts, shown exactly."""
    form_opened = visit_queries.page_visits(db, form_page, day_from, day_to) if form_page else 0
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
        rows.append([text, value, percent(value, previous) if previous is not None else None])
        steps.append(rows[-1])
        previous = value
    for band in ("green", "orange", "red"):
        rows.append([_l("waarvan %(band)s", band=labels.BANDS[band]), bands[band], percent(bands[band], screenings["completed"])])
    for text, value, base in (
        (_l("Aanmeldformulier geopend"), form_opened, previous),
        (_l("Aanvraag verstuurd"), sent, form_opened),
        (_l("Eerste contact op tijd"), in_time, sent),
        (_l("Afgesloten"), closed, sent),
    ):
        rows.append([text, value, percent(value, base)])
        steps.append(rows[-1])
    return Table(
        "trechter", _l("Van bezoek tot hulp"), [_l("Stap"), _l("Aantal"), _l("Doorstroom (%)")], rows,
        note=_l("Kleuren tellen als deel van de afgeronde screenings; eerste contact op tijd en afgesloten als deel "
                "van de verstuurde aanvragen."),
        chart=rows_chart("hbar", steps, _l("Aantal"), _l("Aantal mensen per stap, van bezoek tot hulp")),
    )


# --- breakdowns -----------------------------------------------------------------------------

def _breakdown(key, title, mapping, counts, hide, heading):
    """Rows for every known value (zero included), then unknown and empty values; optional suppression."""
    keys = list(mapping) + sorted((k for k in counts if k not in mapping and k is not None), key=str)
    keys += [None] if None in counts else []
    counts = {k: counts.get(k, 0) for k in keys}
    shown = suppression.one_way(counts) if hide else {**counts, "_total": sum(counts.values())}
    total = shown["_total"]
    rows = [[labels.label(mapping, k), shown[k], percent(shown[k], total)] for k in keys]
    return Table(
        key, title, [heading, _l("Aantal"), _l("% van totaal")], rows,
        chart=rows_chart("hbar", rows, _l("Aantal"), title),
        footer=[_l("Totaal"), total, 100 if total and not isinstance(total, Hidden) else None],
    )


# --- from result to request, and what holds people back -----------------------------------------

def _per_band(completed):
    """{band: count} of completed screenings, crisis or not."""
    counts = {}
    for (band, _crisis), count in completed.items():
        counts[band] = counts.get(band, 0) + count
    return counts


def _uptake(db, completed, day_from, day_to):
    """Per result band: completed screenings, requests, and requests per 100 screenings; requests suppressed."""
    screened = dict.fromkeys(labels.RESULT_BANDS, 0)
    for (band, crisis), count in completed.items():
        key = result_band(band, crisis)
        screened[key] = screened.get(key, 0) + count
    asked = queries.tally(db, "request_tallies", "band", day_from, day_to)  # None: a request without a screening
    bands = list(screened) + sorted(k for k in asked if k is not None and k not in screened)
    shown = suppression.one_way({**{band: asked.get(band, 0) for band in bands}, None: asked.get(None, 0)})
    rows = [[labels.label(labels.RESULT_BANDS, band), screened.get(band, 0), shown[band],
             percent(shown[band], screened.get(band, 0))] for band in bands]
    rows.append([labels.NO_SCREENING, None, shown[None], None])
    total_screened = sum(screened.values())
    with_screening = [shown[band] for band in bands]
    # The overall share only when no band is hidden: it would tell their sum, and so "Zonder screening".
    overall = None if any(isinstance(v, Hidden) for v in with_screening) else percent(sum(with_screening), total_screened)
    return Table(
        "aanvragen-per-kleur", _l("Van resultaat naar aanvraag, per kleur"),
        [_l("Resultaat"), _l("Afgeronde screenings"), _l("Aanvragen"), _l("Aanvragen per 100 screenings")], rows,
        note=_l("Crisis is een resultaat met een positief antwoord op de veiligheidsvraag, apart van zijn kleur. "
                "Screenings tellen op de dag dat ze starten, aanvragen op de dag dat ze verstuurd worden: het aandeel "
                "is een benadering. Aanvragen zonder screening staan apart. Aantallen onder 5 tonen we als <5."),
        chart=rows_chart("hbar", rows[:-1], _l("Aanvragen per 100 screenings"),
                         _l("Aanvragen per 100 afgeronde screenings, per kleur"), column=3),
        footer=[_l("Totaal"), total_screened, shown["_total"], overall],
    )


def _barrier_answers(db, day_from, day_to):
    """"Wat houdt je tegen?": answers per result band, with row, column and grand totals, suppressed."""
    counts = screening_queries.tap_counts(db, "barrier", day_from, day_to)  # {(band, answer): count}
    answers = labels.barrier_labels()
    answer_keys = list(answers) + sorted({answer for _, answer in counts if answer not in answers})
    bands = list(ASKED_BANDS) + sorted({band for band, _ in counts if band not in ASKED_BANDS})
    shown = suppression.two_way({(answer, band): n for (band, answer), n in counts.items()}, answer_keys, bands)
    total = shown[("_total", "_total")]
    rows = [[answers.get(answer, answer), *(shown[(answer, band)] for band in bands), shown[(answer, "_total")],
             percent(shown[(answer, "_total")], total)] for answer in answer_keys]
    return Table(
        "drempels", _l("Wat houdt mensen tegen? (niet nu)"),
        [_l("Antwoord"), *(labels.label(labels.RESULT_BANDS, band) for band in bands), _l("Totaal"), _l("% van totaal")],
        rows,
        note=_l("Eén anoniem antwoord per resultaat, gegeven op een oranje of rood resultaat (of na een positief antwoord "
                "op de veiligheidsvraag). Geteld per dag en kleur, zonder band met de screening. "
                "Aantallen onder 5 tonen we als <5; × verbergt een groter aantal zodat je een klein niet kan terugrekenen."),
        chart=rows_chart("hbar", rows, _l("Antwoorden"), _l("Hoe vaak elk antwoord gekozen werd"), column=len(bands) + 1),
        footer=[_l("Totaal"), *(shown[("_total", band)] for band in bands), total,
                100 if total and not isinstance(total, Hidden) else None],
    )


def _result_feedback(db, day_from, day_to):
    """"Had je iets aan dit resultaat?": answers per result band with totals and the positive share, suppressed."""
    counts = screening_queries.tap_counts(db, "feedback", day_from, day_to)  # {(band, answer): count}
    answers = labels.RESULT_FEEDBACK
    answer_keys = list(answers) + sorted({answer for _, answer in counts if answer not in answers})
    bands = list(labels.RESULT_BANDS) + sorted({band for band, _ in counts if band not in labels.RESULT_BANDS})
    shown = suppression.two_way(counts, bands, answer_keys)

    def positive_share(row):
        # "Ja" and "Een beetje" of the row's total; none while a cell it needs is hidden.
        parts = [shown[(row, answer)] for answer in POSITIVE]
        if any(isinstance(part, Hidden) for part in parts):
            return None
        return percent(sum(parts), shown[(row, "_total")])

    rows = [[labels.label(labels.RESULT_BANDS, band), *(shown[(band, answer)] for answer in answer_keys),
             shown[(band, "_total")], positive_share(band)] for band in bands]
    return Table(
        "nut-resultaat", _l("Hadden mensen iets aan hun resultaat?"),
        [_l("Resultaat"), *(labels.label(answers, answer) for answer in answer_keys), _l("Totaal"), _l("% positief")],
        rows,
        note=_l("Eén anoniem antwoord per resultaat, op elk resultaat gevraagd. Geteld per dag en kleur, zonder band "
                "met de screening. Positief is Ja of Een beetje. Aantallen onder 5 tonen we als <5; × verbergt een "
                "groter aantal zodat je een klein niet kan terugrekenen."),
        chart=rows_chart("hbar", rows, _l("% positief"), _l("Aandeel Ja of Een beetje, per kleur"),
                         column=len(answer_keys) + 2),
        footer=[_l("Totaal"), *(shown[("_total", answer)] for answer in answer_keys), shown[("_total", "_total")],
                positive_share("_total")],
    )


def _firsthelper(db, nodes, day_from, day_to):
    totals = {}
    for node_id, kind, count in firsthelper_queries.totals(db, day_from, day_to):
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
