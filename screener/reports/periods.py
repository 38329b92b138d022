"""Date ranges, presets and granularities of the reports (pure: no Flask, the clock is passed in).

Days are Belgian calendar days (Europe/Brussels); timestamps are stored in UTC.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..clock import BRUSSELS, iso

PRESETS = ("7", "30", "90", "jaar", "alles")
GRANULARITIES = ("dag", "week", "maand")
MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
EARLIEST = date(2020, 1, 1)  # "everything" starts here: the platform did not exist before
MAX_DAYS_PER_DAY = 366  # longer ranges per day make charts nobody can read


def N_(text):
    """Marks a Dutch msgid for extraction; it is translated where it is shown."""
    return text


@dataclass(frozen=True)
class Range:
    """An inclusive range of Belgian days."""

    start: date
    end: date

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def utc_bounds(self):
        """The range as [from, until) ISO texts in UTC, comparable with stored timestamps."""
        return iso(local_midnight(self.start)), iso(local_midnight(self.end + timedelta(days=1)))


def local_midnight(day):
    """The first moment of a Belgian day, as an aware datetime."""
    return datetime.combine(day, time(0), BRUSSELS)


def preset_range(preset, today, first_day=None):
    """The range of a preset ending today; 'alles' starts at the first recorded day."""
    if preset == "jaar":
        return Range(today - timedelta(days=364), today)
    if preset == "alles":
        return Range(min(first_day or today, today), today)
    return Range(today - timedelta(days=int(preset) - 1), today)


def parse_choice(args, today, first_day=None):
    """Read preset/van/tot/per from query arguments: (Range, granularity, errors in Dutch msgids)."""
    errors = []
    granularity = args.get("per") or None
    if granularity not in GRANULARITIES:
        if granularity is not None:
            errors.append(N_("Kies per dag, per week of per maand."))
        granularity = None
    start_text, end_text = (args.get("van") or "").strip(), (args.get("tot") or "").strip()
    chosen = None
    if start_text or end_text:
        try:
            start = date.fromisoformat(start_text)
            end = date.fromisoformat(end_text)
        except ValueError:
            errors.append(N_("Vul twee geldige datums in, zoals 2026-03-01."))
        else:
            if end < start:
                errors.append(N_("De einddatum ligt voor de begindatum."))
            elif start < EARLIEST or end > today + timedelta(days=366):
                errors.append(N_("Kies datums tussen 2020 en volgend jaar."))
            else:
                chosen = Range(start, end)
    if chosen is None:
        preset = args.get("periode") or "30"
        if preset not in PRESETS:
            errors.append(N_("Kies een periode uit de lijst."))
            preset = "30"
        chosen = preset_range(preset, today, first_day)
    if granularity == "dag" and chosen.days > MAX_DAYS_PER_DAY:
        errors.append(N_("Per dag kan voor hoogstens een jaar. Kies per week of per maand."))
        granularity = None
    return chosen, granularity or default_granularity(chosen), errors


def default_granularity(chosen):
    """Day up to two months, week up to a year, month beyond."""
    if chosen.days <= 62:
        return "dag"
    return "week" if chosen.days <= 366 else "maand"


def period_of(day, granularity):
    """The period a day falls in: the day itself, the Monday of its week, or the 1st of its month."""
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "maand":
        return day.replace(day=1)
    return day


def periods(chosen, granularity):
    """Every period that overlaps the range, in order."""
    result, current = [], period_of(chosen.start, granularity)
    while current <= chosen.end:
        result.append(current)
        if granularity == "maand":
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            current += timedelta(days=7 if granularity == "week" else 1)
    return result


def period_label(period, granularity):
    """A short Dutch label: '3 mrt', 'wk 3 mrt', 'mrt 2026'."""
    if granularity == "maand":
        return f"{MONTHS[period.month - 1]} {period.year}"
    text = f"{period.day} {MONTHS[period.month - 1]}"
    return f"wk {text}" if granularity == "week" else text


def days_in_period(period, granularity, chosen):
    """How many days of the range fall in this period (for averages per day)."""
    last = {"dag": period, "week": period + timedelta(days=6)}.get(granularity)
    if last is None:
        last = (period.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return (min(last, chosen.end) - max(period, chosen.start)).days + 1
