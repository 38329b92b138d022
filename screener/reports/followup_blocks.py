"""The follow-up blocks (pure): does it go better after the help, and how satisfied were people with it.

Personal health outcomes, so counts from 1 to 4 are hidden (suppression) and a percentage whose
base is under 5 people is left out.
"""
from flask_babel import lazy_gettext as _l

from ..followup import rules
from ..followup.forms import SATISFACTION
from . import suppression
from .blocks import Chart, Table, chart_value, percent
from .suppression import Hidden

KINDS = {"4w": _l("Na 4 weken"), "3m": _l("Na 3 maanden"), "6m": _l("Na 6 maanden")}
MIN_BASE = suppression.THRESHOLD  # no percentage of fewer people than this


def rate(part, base):
    """A share in % of `base` people, or None when the base is under 5."""
    return round(100 * part / base) if base >= MIN_BASE else None


def figures(checkins, baselines, outcome_rules):
    """{kind: exact counts and the WHO-5 group change} of the answered check-ins; paired = a baseline screening."""
    found = {}
    for kind in [*KINDS, *sorted({c["kind"] for c in checkins} - set(KINDS))]:
        answered = [c for c in checkins if c["kind"] == kind]
        pairs = [(baselines[c["baseline_screening_id"]], c) for c in answered
                 if c["baseline_screening_id"] in baselines and c["outcome_change"]]
        at_start = [(before, after) for before, after in pairs if rules.is_case(before, outcome_rules)]
        found[kind] = {
            "answered": len(answered), "paired": len(pairs), "cases": len(at_start),
            "recovered": sum(1 for _b, after in at_start if after["recovered"]),
            "reliably_recovered": sum(1 for _b, after in at_start if after["reliably_recovered"]),
            "improved": sum(1 for _b, after in pairs if after["outcome_change"] == rules.IMPROVEMENT),
            "deteriorated": sum(1 for _b, after in pairs if after["outcome_change"] == rules.DETERIORATION),
            "who5": rules.group_who5_change(pairs, outcome_rules),
        }
    return found


def improvement_table(found):
    """"Gaat het beter na de hulp?": per check-in kind the answers, the paired share and the outcomes."""
    kinds = list(found)
    shown = suppression.two_way({**{(k, "paired"): found[k]["paired"] for k in kinds},
                                 **{(k, "unpaired"): found[k]["answered"] - found[k]["paired"] for k in kinds}},
                                kinds, ["paired", "unpaired"])
    rows = []
    for kind in kinds:
        f, who5 = found[kind], found[kind]["who5"]
        enough = f["paired"] >= MIN_BASE and who5 is not None
        rows.append([
            KINDS.get(kind, kind), shown[(kind, "_total")], shown[(kind, "paired")],
            percent(shown[(kind, "paired")], shown[(kind, "_total")]),
            rate(f["recovered"], f["cases"]), rate(f["reliably_recovered"], f["cases"]),
            rate(f["improved"], f["paired"]), rate(f["deteriorated"], f["paired"]),
            round(who5.mean, 1) if enough else None,
            (_l("ja") if who5.meaningful else _l("nee")) if enough else None,
        ])
    total, paired = shown[("_total", "_total")], shown[("_total", "paired")]
    return Table(
        "beter-na-hulp", _l("Gaat het beter na de hulp?"),
        [_l("Check-in"), _l("Beantwoord"), _l("Gepaard"), _l("Gepaard (%)"), _l("Herstel (%)"),
         _l("Betrouwbaar herstel (%)"), _l("Betrouwbare verbetering (%)"), _l("Betrouwbare verslechtering (%)"),
         _l("Gem. verandering WHO-5"), _l("WHO-5 minstens 10 veranderd")],
        rows,
        note=_l("Check-ins beantwoord in deze periode. Gepaard: met de screening die de werknemer bij de aanvraag "
                "deelde; alleen gepaarde antwoorden tellen voor de uitkomsten. Herstel en betrouwbaar herstel: van wie "
                "bij de start een geval was (PHQ-4-subschaal 3 of meer). Aantallen onder 5 tonen we als <5; een "
                "percentage van minder dan 5 mensen laten we weg (–)."),
        chart=Chart("bar", [str(r[0]) for r in rows],
                    [(_l("Herstel (%)"), [r[4] for r in rows]), (_l("Betrouwbare verbetering (%)"), [r[6] for r in rows]),
                     (_l("Betrouwbare verslechtering (%)"), [r[7] for r in rows])],
                    alt=_l("Herstel, betrouwbare verbetering en verslechtering per check-in")),
        footer=[_l("Totaal"), total, paired, percent(paired, total), None, None, None, None, None, None],
    )


def satisfaction_table(checkins):
    """"Tevredenheid over de hulp": the overall experience 1-5, and "ja" to the help needed and to recommending it."""
    rows, chart_rows = [], []
    overall_keys = [key for key, _label in SATISFACTION["overall"]["options"]]
    counts = {key: sum(1 for c in checkins if str(c["satisfaction_overall"]) == key) for key in overall_keys}
    shown = suppression.one_way(counts)
    for key, label in SATISFACTION["overall"]["options"]:
        rows.append([_l("Ervaring: %(answer)s", answer=label), shown[key], percent(shown[key], shown["_total"])])
    chart_rows = list(rows)
    overall_total = shown["_total"]
    for question, title in (("help", _l("Kreeg de hulp die nodig was: ja")),
                            ("recommend", _l("Zou het een collega aanraden: ja"))):
        keys = [key for key, _label in SATISFACTION[question]["options"]]
        shown = suppression.one_way({key: sum(1 for c in checkins if c[f"satisfaction_{question}"] == key)
                                     for key in keys})
        rows.append([title, shown["yes"], percent(shown["yes"], shown["_total"])])
    return Table(
        "tevredenheid-hulp", _l("Tevredenheid over de hulp"),
        [_l("Vraag en antwoord"), _l("Antwoorden"), _l("% van de antwoorden")], rows,
        note=_l("Antwoorden op de check-ins in deze periode; wie twee keer antwoordt, telt twee keer. Aantallen "
                "onder 5 tonen we als <5; × verbergt een groter aantal zodat je een klein niet kan terugrekenen."),
        chart=Chart("hbar", [str(r[0]) for r in chart_rows], [(_l("Antwoorden"), [chart_value(r[1]) for r in chart_rows])],
                    alt=_l("Ervaring met de hulp, van heel slecht tot heel goed")),
        footer=[_l("Totaal"), overall_total, 100 if overall_total and not isinstance(overall_total, Hidden) else None],
    )
