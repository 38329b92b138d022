""""Had je iets aan dit resultaat?" (pure): the answers, which count as positive, and which taps are counted."""
from flask_babel import lazy_gettext as _l

# Every result band (scoring.result_band) is asked, green included.
ANSWERS = {"yes": _l("Ja"), "somewhat": _l("Een beetje"), "no": _l("Nee")}
# "Positive" in the reports: the result was of some use.
POSITIVE = ("yes", "somewhat")
REPLIES = {
    "yes": _l("Fijn dat je er iets aan had."),
    "somewhat": _l("Fijn dat er iets bruikbaars bij zat."),
    "no": _l("Jammer. Met jouw antwoord maken we de screener beter."),
}


def is_counted(answered_before):
    """One answer per result: only the first tap counts; a later tap changes the reply, not the figures."""
    return not answered_before
