"""The SLA clock's decisions (pure): when a case is due for its reminder or its escalation."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from ..clock import parse
from .workingtime import DEFAULT_WORKING_HOURS, belgian_holiday, is_working_day


def _working_spans(start, end, working_hours, holidays_fn):
    """The parts of [start, end) that fall inside working hours, in order."""
    tz = ZoneInfo(working_hours.timezone)
    day = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    while day <= last:
        if is_working_day(day, working_hours, holidays_fn):
            span_start = max(start, datetime.combine(day, working_hours.start, tzinfo=tz))
            span_end = min(end, datetime.combine(day, working_hours.end, tzinfo=tz))
            if span_end > span_start:
                yield span_start, span_end
        day += timedelta(days=1)


def working_time_between(start, end, working_hours=DEFAULT_WORKING_HOURS, holidays_fn=belgian_holiday):
    """How much working time lies between two moments."""
    return sum((b - a for a, b in _working_spans(start, end, working_hours, holidays_fn)), timedelta(0))


def reminder_at(created, due, working_hours=DEFAULT_WORKING_HOURS, holidays_fn=belgian_holiday):
    """Halfway to the deadline, counted in the team's working time (aware UTC)."""
    remaining = working_time_between(created, due, working_hours, holidays_fn) / 2
    for span_start, span_end in _working_spans(created, due, working_hours, holidays_fn):
        if remaining <= span_end - span_start:
            return (span_start + remaining).astimezone(timezone.utc)
        remaining -= span_end - span_start
    return created  # no working time before the deadline: remind at once


def needs_reminder(case, now, working_hours=DEFAULT_WORKING_HOURS, holidays_fn=belgian_holiday):
    """True for an unclaimed case of a provider, halfway to its deadline, not reminded yet."""
    if case["status"] != "new" or not case["provider_id"] or case["reminder_sent_at"]:
        return False
    created, due = parse(case["created_at"]), parse(case["due_at"])
    return now >= reminder_at(created, due, working_hours, holidays_fn)


def needs_escalation(case, now):
    """True for an open case at or past its deadline without first contact, not escalated yet."""
    return (case["status"] != "closed" and not case["first_contact_at"] and not case["escalated_at"]
            and now >= parse(case["due_at"]))


