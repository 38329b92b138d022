"""Checks on a coordinator's annotation (pure): a real day and a short label."""
from datetime import date

MAX_LABEL = 80


def N_(text):
    """Marks a Dutch msgid for extraction; it is translated where it is shown."""
    return text


def parse_day(text):
    """(the day as ISO text, or as typed when it is not a day; the problem as a Dutch msgid, or None)."""
    text = (text or "").strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text, N_("Kies een geldige datum, zoals 2026-03-01.")
    if not date(2020, 1, 1) <= day <= date(2100, 12, 31):
        return day.isoformat(), N_("Kies een datum vanaf 2020.")
    return day.isoformat(), None


def parse_label(text):
    """(the label on one line, the problem as a Dutch msgid or None)."""
    label = " ".join((text or "").split())
    if not label:
        return label, N_("Schrijf kort wat er gebeurde, bijvoorbeeld: nieuwsbrief verstuurd.")
    if len(label) > MAX_LABEL:
        return label, N_("Houd het kort: hoogstens 80 tekens.")
    return label, None


def parse_annotation(day_text, label_text):
    """(day ISO text, label, errors as {field: Dutch msgid})."""
    (day, day_problem), (label, label_problem) = parse_day(day_text), parse_label(label_text)
    errors = {field: problem for field, problem in (("dag", day_problem), ("label", label_problem)) if problem}
    return day, label, errors
