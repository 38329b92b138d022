""""Niet nu" decisions (pure): which results get the question, and which taps are counted."""

# The result bands (scoring.result_band) that show "niet nu": a green result shows no request card.
ASKED_BANDS = ("orange", "red", "crisis")


def is_asked(result_band):
    """True when a result in this band shows "Wat houdt je tegen?"."""
    return result_band in ASKED_BANDS


def is_counted(answered_before):
    """One answer per result: only the first tap counts; a later tap changes the reply shown, not the figures."""
    return not answered_before
