"""The labels a report shows: the case words (cases.vocabulary) and the screener content's profile labels, plus the few
that only a report needs (gettext msgids, translated lazily)."""
from flask_babel import lazy_gettext as _l

from ..cases.vocabulary import KIND_LABELS, OUTCOME_LABELS
from ..screening.content import BAND_LABELS, profile_options

BANDS = BAND_LABELS
# The case words (cases.vocabulary), with what only a report counts: cases not assigned yet, requests still open.
KINDS = {**KIND_LABELS, None: _l("Nog niet toegewezen")}
OUTCOMES = {**OUTCOME_LABELS, "open": _l("Nog open")}
NOT_GIVEN = _l("Niet ingevuld")
UNASSIGNED = _l("Coördinatoren (nog niet toegewezen)")


def profile_labels(field):
    """{key: label} of "gender", "sector" or "province" in the reader's language, from the screener
    content itself: the reports name each group exactly as the worker chose it."""
    return dict(profile_options(field))


def label(mapping, key):
    """The label of a key, 'Niet ingevuld' for an empty one, the key itself when unknown."""
    if key is None or key == "":
        return mapping.get(None, NOT_GIVEN)
    return mapping.get(key, key)
