"""The blocks about requests and cases: per provider and kind, paths, outcomes, waiting times."""
from statistics import fmean, median

from flask_babel import lazy_gettext as _l

from ..cases.vocabulary import STEP_KIND
from . import cases as casework
from . import labels
from .blocks import Chart, Table, percent, rows_chart
from .stats import waiting_summary

PATHS = ("1", "1 → 2", "1 → 2 → 3", "2", "2 → 3", "3")


def request_tables(request_chains, providers, provider_by_id):
    """Cases per provider and per kind, paths through the steps and outcomes: operational counts.

    They describe how the organisations and the steps work, not who the workers are, so they are
    shown exactly (0 as 0); the personal breakdowns (sector, gender, province) keep the small-number
    rules. All four count the requests of the range with the cases they were referred to.
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
    shown = dict(counts)
    shown.update({("step", s): sum(v for k, v in counts.items() if k[2] == s) for s in steps})
    shown.update({("path", p): n for p, n in paths.items()})
    shown.update({("outcome", o): n for o, n in outcomes.items()})
    shown.update({"_cases": len(cases), "_requests": len(request_chains)})
    shown["_closed"] = len(request_chains) - outcomes.get("open", 0)  # the funnel's last step

    def kind_label(step):
        return labels.label(labels.KINDS, STEP_KIND.get(step))

    rows = [[provider_by_id[k[1]].name if k[1] else labels.UNASSIGNED, kind_label(k[2]), shown[k]] for k in counts]
    per_provider = Table(
        "aanvragen-hulpverlener", _l("Aanvragen per hulpverlener"), [_l("Hulpverlener"), _l("Soort"), _l("Aanvragen")],
        rows, note=_l("De aanvragen uit deze periode, bij elke hulpverlener die ze kreeg: een doorverwijzing telt "
                      "als een nieuwe aanvraag bij de volgende hulpverlener."),
        chart=rows_chart("hbar", rows, _l("Aanvragen"), _l("Aanvragen per hulpverlener"), column=2),
        footer=[_l("Totaal"), "", shown["_cases"]],
    )
    kind_rows = [[kind_label(s), shown[("step", s)]] for s in steps]
    per_kind = Table(
        "aanvragen-soort", _l("Aanvragen per soort hulpverlener"), [_l("Soort"), _l("Aanvragen")], kind_rows,
        chart=rows_chart("bar", kind_rows, _l("Aanvragen"), _l("Aanvragen per soort hulpverlener")),
        footer=[_l("Totaal"), shown["_cases"]],
    )
    total = shown["_requests"]
    rows = [[_l("Trap %(path)s", path=p), shown[("path", p)], percent(shown[("path", p)], total)] for p in paths]
    flow = Table(
        "doorstroom", _l("Doorstroom tussen de trappen"), [_l("Weg"), _l("Aanvragen"), _l("% van totaal")], rows,
        note=_l("Per aanvraag de trappen die ze doorliep: 1 preventiedienst, 2 eerstelijnspsycholoog, 3 CGG."),
        chart=rows_chart("bar", rows, _l("Aanvragen"), _l("Aanvragen per weg door de trappen")),
        footer=[_l("Totaal"), total, None],
    )
    rows = [[labels.label(labels.OUTCOMES, o), shown[("outcome", o)], percent(shown[("outcome", o)], total)] for o in outcomes]
    outcome = Table(
        "uitkomst", _l("Uitkomst van de aanvragen"), [_l("Uitkomst"), _l("Aanvragen"), _l("% van totaal")], rows,
        note=_l("De uitkomst bij de laatste hulpverlener van elke aanvraag."),
        chart=rows_chart("hbar", rows, _l("Aanvragen"), _l("Uitkomst van de aanvragen")),
        footer=[_l("Totaal"), total, None],
    )
    return per_provider, per_kind, flow, outcome, shown["_closed"]



def waiting_tables(cases, open_now, providers, provider_by_id, now):
    """Waiting time to first contact per provider and per kind, and every case's wait [(hours, in time?)] for the summary."""
    def key_of(case):
        return case["provider_id"] if case["provider_id"] in provider_by_id else None

    def grouped(rows):  # one pass over years of cases, not one per provider
        found = {}
        for case in rows:
            found.setdefault(key_of(case), []).append(case)
        return found

    in_range, still_open = grouped(cases), grouped(open_now)
    keys = [p.id for p in providers] + ([None] if None in in_range or None in still_open else [])
    kind_of = {k: (provider_by_id[k].kind if k else None) for k in keys}
    waits = {k: casework.waits(in_range.get(k, []), now) for k in keys}
    # Operational figures of each organisation and kind: exact, like the counts above.
    n = _with_groups({k: len(waits[k]) for k in keys}, kind_of)
    opened = _with_groups({k: len(still_open.get(k, [])) for k in keys}, kind_of)
    late = _with_groups({k: sum(1 for c in still_open.get(k, []) if casework.is_overdue(c, now)) for k in keys},
                        kind_of)

    def row(name, kind_label, count, summary, open_count, late_count):
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
    kinds = [k for k in labels.KINDS if ("group", k) in n]  # the steps in order, then not assigned
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
    return per_provider, per_kind, [w for k in keys for w in waits[k]]


def _with_groups(counts, group_of):
    """{key: count} with a ("group", name) subtotal per group and "_total"."""
    values = dict(counts)
    for key, count in counts.items():
        values[("group", group_of[key])] = values.get(("group", group_of[key]), 0) + count
    values["_total"] = sum(counts.values())
    return values


def conversations_table(cases):
    """How many conversations help took, per kind of provider: the closed cases whose team gave the number."""
    counted = {}
    for case in cases:
        if case["status"] == "closed" and case["conversations"] is not None:
            counted.setdefault(STEP_KIND.get(case["step"]), []).append(case["conversations"])
    rows = []
    for kind in [k for k in labels.KINDS if k in counted]:
        numbers = sorted(counted[kind])
        rows.append([labels.label(labels.KINDS, kind), len(numbers), sum(numbers), median(numbers),
                     round(fmean(numbers), 1)])
    every = sorted(n for numbers in counted.values() for n in numbers)
    return Table(
        "gesprekken", _l("Hoeveel gesprekken de hulp vroeg"),
        [_l("Soort"), _l("Afgesloten dossiers"), _l("Gesprekken"), _l("Mediaan per dossier"), _l("Gemiddeld per dossier")],
        rows,
        note=_l("De dossiers uit deze periode die afgesloten zijn en waarbij het team het aantal gesprekken gaf "
                "(bij afsluiten, niet verplicht). Een doorverwijzing is een eigen dossier bij de volgende hulpverlener."),
        chart=rows_chart("bar", rows, _l("Mediaan per dossier"), _l("Mediaan aantal gesprekken per soort hulpverlener"),
                         column=3),
        footer=[_l("Totaal"), len(every), sum(every), median(every) if every else None,
                round(fmean(every), 1) if every else None],
    )
