"""Deadlines in working time: weekdays within a team's hours, skipping Belgian public holidays. Pure."""
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays


@dataclass(frozen=True)
class WorkingHours:
    """When a team works, in local time: weekdays (0 = Monday) and the start and end of the day."""

    days: tuple = (0, 1, 2, 3, 4)
    start: time = time(9, 0)
    end: time = time(17, 0)
    timezone: str = "Europe/Brussels"


DEFAULT_WORKING_HOURS = WorkingHours()
DEFAULT_DEADLINES = {"urgent": 1, 1: 3, 2: 3, 3: 3}  # working days
# "Call me today" after a positive safety answer: the providers agreed to call the same working day
# while at least this much of it is left, else within this much of the next working day.
SAME_DAY_MARGIN = timedelta(hours=2)


@lru_cache(maxsize=1)
def _belgian_calendar():
    return holidays.country_holidays("BE")


def belgian_holiday(day):
    """True on a Belgian public holiday (New Year, Easter Monday, 1 May, 11 November, Christmas ...)."""
    return day in _belgian_calendar()


def is_working_day(day, working_hours=DEFAULT_WORKING_HOURS, holidays_fn=belgian_holiday):
    """True when the team works on this date."""
    return day.weekday() in working_hours.days and not holidays_fn(day)


def add_working_days(start, days, working_hours=DEFAULT_WORKING_HOURS, holidays_fn=belgian_holiday):
    """The moment (aware UTC) when `days` full working days have passed after `start`.

    Only time inside the working hours counts: a request at 20:00 on Friday starts the clock at
    the start of Monday (or the next working day after a holiday). One working day is one full
    span of working hours, so a request at 14:00 is due at 14:00 on the next working day.
    """
    tz = ZoneInfo(working_hours.timezone)
    day_length = datetime.combine(datetime.min, working_hours.end) - datetime.combine(datetime.min, working_hours.start)
    remaining = day_length * days
    cursor = start.astimezone(tz)
    for _ in range(3660):  # ten years of calendar days: a guard against a calendar with no working days
        today = cursor.date()
        if is_working_day(today, working_hours, holidays_fn):
            day_start = datetime.combine(today, working_hours.start, tzinfo=tz)
            day_end = datetime.combine(today, working_hours.end, tzinfo=tz)
            cursor = max(cursor, day_start)
            if cursor < day_end or (remaining == timedelta(0) and cursor == day_end):
                available = day_end - cursor
                if remaining <= available:
                    return (cursor + remaining).astimezone(timezone.utc)
                remaining -= available
        cursor = datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz)
    raise ValueError("no working days in the calendar")


def deadline_days(*, urgent, step, override=None, deadlines=None):
    """How many working days a team has: the short deadline when urgent, else the provider's or the step's."""
    deadlines = {**DEFAULT_DEADLINES, **(deadlines or {})}
    if urgent:
        return deadlines["urgent"]
    return override or deadlines.get(step, deadlines[3])


def same_day_due(created, working_hours=DEFAULT_WORKING_HOURS, margin=SAME_DAY_MARGIN, holidays_fn=belgian_holiday):
    """The same-day deadline (aware UTC): the end of today's working hours when at least `margin` of
    them is left, else `margin` into the next working day (a request at 16:00 or on Sunday: 11:00)."""
    tz = ZoneInfo(working_hours.timezone)
    local = created.astimezone(tz)
    day_end = datetime.combine(local.date(), working_hours.end, tzinfo=tz)
    if is_working_day(local.date(), working_hours, holidays_fn) and day_end - local >= margin:
        return day_end.astimezone(timezone.utc)
    start = add_working_days(day_end + timedelta(minutes=1), 0, working_hours, holidays_fn)
    return start + margin


def due_at(created, *, urgent, step, provider=None, deadlines=None, holidays_fn=belgian_holiday):
    """When first contact is due for a case created at `created` (aware UTC)."""
    working_hours = provider.working_hours if provider else DEFAULT_WORKING_HOURS
    override = provider.deadline_working_days if provider else None
    days = deadline_days(urgent=urgent, step=step, override=override, deadlines=deadlines)
    return add_working_days(created, days, working_hours, holidays_fn)
