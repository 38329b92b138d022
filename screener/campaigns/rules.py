"""Campaign rules (pure): the metrics counted, the returning question's answers, where /c/<code> leads."""
from urllib.parse import urlencode

SOURCE_PARAM = "bron"  # ?bron=<code> on any page
SECTION = "campaign"  # the visitor pseudonym's own section: cannot be joined with the page views
METRICS = ("visit", "screening_started", "screening_completed", "request")
RETURNING_FIELD = "eerder_ingevuld"
RETURNING_ANSWERS = ("ja", "nee", "liever_niet")


def returning_answer(raw):
    """The answer to count for the returning question, or None when it was left empty or is unknown."""
    return raw if raw in RETURNING_ANSWERS else None


def without_source(path, args):
    """The same address without ?bron=, keeping the other parameters (args: [(name, value)])."""
    kept = [(k, v) for k, v in args if k != SOURCE_PARAM]
    return f"{path}?{urlencode(kept)}" if kept else path


MAX_LABEL = 80


def N_(text):
    """Marks a Dutch msgid for extraction; it is translated where it is shown."""
    return text


def parse_code(text):
    """(the code as typed, lowercased and trimmed; the problem as a Dutch msgid, or None)."""
    from .codes import is_valid_code

    code = (text or "").strip().lower()
    if not is_valid_code(code):
        return code, N_("Een code heeft 3 tot 32 tekens: kleine letters, cijfers en streepjes, zoals poster-uz-gent.")
    return code, None


def parse_label(text):
    """(the label on one line, the problem as a Dutch msgid or None)."""
    label = " ".join((text or "").split())
    if not label:
        return label, N_("Geef de campagne een naam, bijvoorbeeld: poster UZ Gent.")
    if len(label) > MAX_LABEL:
        return label, N_("Houd de naam kort: hoogstens 80 tekens.")
    return label, None


def parse_kind(text):
    """(the kind, the problem as a Dutch msgid or None)."""
    from .codes import KINDS

    return (text, None) if text in KINDS else (text, N_("Kies een soort uit de lijst."))
