"""Checks on a coordinator's annotation (pure): a real day and a short label."""
from datetime import date

MAX_LABEL = 80


def N_(text):
    """Marks a Dutch msgid for extraction; it is translated where it is shown."""
    return text


def parse_annotation(day_text, label_text):
    """(day ISO text, label, errors as {field: Dutch msgid})."""
    errors = {}
    day_text, label = (day_text or "").strip(), " ".join((label_text or "").split())
    try:
        day = date.fromisoformat(day_text)
    except ValueError:
        errors["dag"] = N_("Kies een geldige datum, zoals 2026-03-01.")
        day = None
    else:
        if not date(2020, 1, 1) <= day <= date(2100, 12, 31):
            errors["dag"] = N_("Kies een datum vanaf 2020.")
    if not label:
        errors["label"] = N_("Schrijf kort wat er gebeurde, bijvoorbeeld: nieuwsbrief verstuurd.")
    elif len(label) > MAX_LABEL:
        errors["label"] = N_("Houd het kort: hoogstens 80 tekens.")
    return (day.isoformat() if day else day_text), label, errors
