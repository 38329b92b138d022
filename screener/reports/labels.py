"""The labels a report shows: the case words (cases.vocabulary) and the screener content's profile labels, plus the few
that only a report needs (gettext msgids, translated lazily)."""
from flask_babel import lazy_gettext as _l

from ..cases.vocabulary import KIND_LABELS, OUTCOME_LABELS
from ..screening.content import BAND_LABELS, barrier_options, profile_options
from ..screening.feedback import ANSWERS as FEEDBACK_ANSWERS

BANDS = BAND_LABELS
# A result as the request and barrier figures count it (screening.scoring.result_band): a positive
# safety answer apart from its colour.
RESULT_BANDS = {**BAND_LABELS, "crisis": _l("Crisis (veiligheidsvraag)")}
NO_SCREENING = _l("Zonder screening")
# "Had je iets aan dit resultaat?": the worker's own words for the answers.
RESULT_FEEDBACK = FEEDBACK_ANSWERS
# The case words (cases.vocabulary), with what only a report counts: cases not assigned yet, requests still open.
KINDS = {**KIND_LABELS, None: _l("Nog niet toegewezen")}
OUTCOMES = {**OUTCOME_LABELS, "open": _l("Nog open")}
NOT_GIVEN = _l("Niet ingevuld")
# The pages a visitor opens, stored as route patterns, by the name a reader knows them by.
PAGE_NAMES = {
    "/": _l("Startpagina"), "/screener": _l("Screener: uitleg"), "/screener/vraag/<int:number>": _l("Screener: vragen"),
    "/screener/over-jou": _l("Screener: over jou"), "/screener/resultaat": _l("Screener: resultaat"),
    "/screener/steun": _l("Screener: steun"), "/eerste-helper": _l("Eerste helper"),
    "/eerste-helper/<node_id>": _l("Eerste helper: stappen"), "/aanmelden": _l("Aanmelden"),
    "/aanmelden/klaar": _l("Aanmelden: verstuurd"), "/privacy": _l("Privacy"),
}
UNASSIGNED = _l("Coördinatoren (nog niet toegewezen)")


def profile_labels(field):
    """{key: label} of "gender", "sector" or "province" in the reader's language, from the screener
    content itself: the reports name each group exactly as the worker chose it."""
    return dict(profile_options(field))


def barrier_labels():
    """{key: answer} of "Wat houdt je tegen?" in the reader's language, from the screener content."""
    return dict(barrier_options())


def label(mapping, key):
    """The label of a key, 'Niet ingevuld' for an empty one, the key itself when unknown."""
    if key is None or key == "":
        return mapping.get(None, NOT_GIVEN)
    return mapping.get(key, key)


def page_name(page):
    """A page's readable name; an unknown route pattern as it is."""
    return PAGE_NAMES.get(page, page)
