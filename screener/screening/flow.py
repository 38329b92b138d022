"""The order of the screens and the checking of answers. Pure: no Flask, no database."""
from datetime import timedelta

ABANDON_AFTER = timedelta(minutes=60)
PROFILE_STEP = "profile"  # current_item of the optional last screen
NOT_SAYING = ""  # the "zeg ik liever niet" choice: stored as null


class InvalidAnswer(ValueError):
    """An answer that cannot be stored: `reason` is 'missing' or 'unknown'."""

    def __init__(self, reason):
        self.reason = reason
        super().__init__(reason)


def first_unanswered(items, answers):
    """The 1-based number of the first item without an answer, or None when all are answered."""
    for number, item in enumerate(items, 1):
        if item["id"] not in answers:
            return number
    return None


def may_show(number, items, answers):
    """True when item `number` may be shown: it exists and every earlier item is answered."""
    if not 1 <= number <= len(items):
        return False
    gap = first_unanswered(items, answers)
    return gap is None or number <= gap


def parse_choice(raw, scale):
    """The whole-number value of a submitted option of `scale`; InvalidAnswer when missing or not an option."""
    if raw is None or str(raw).strip() == "":
        raise InvalidAnswer("missing")
    allowed = {option["value"] for option in scale["options"]}
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise InvalidAnswer("unknown")
    if value not in allowed:
        raise InvalidAnswer("unknown")
    return value


def parse_profile(form, profile):
    """({field: key or None}, {field: reason}) from the optional profile form; empty means "not saying"."""
    values, errors = {}, {}
    for field, entry in profile.items():
        raw = (form.get(field) or NOT_SAYING).strip()
        if raw == NOT_SAYING:
            values[field] = None
        elif raw in {option["key"] for option in entry["options"]}:
            values[field] = raw
        else:
            errors[field] = "unknown"
    return values, errors


def abandon_cutoff(now):
    """Runs in progress untouched since before this moment count as abandoned."""
    return now - ABANDON_AFTER
