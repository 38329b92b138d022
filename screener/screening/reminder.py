"""The calendar reminder of "niet nu" (pure): when it falls, and the .ics file. Nothing is stored."""
from datetime import datetime, time, timedelta, timezone

from ..clock import BRUSSELS, local_day

# The choices on the result page (plain links, so they work without JavaScript): days from today.
WHEN = {"morgen": 1, "over-3-dagen": 3, "over-een-week": 7}
AT = time(10, 0)  # Belgian time: after a night shift most people are awake again
LENGTH = timedelta(minutes=15)


def starts_at(now, days):
    """The reminder's start: `days` Belgian days after `now`'s day, at 10:00 Belgian time (aware)."""
    return datetime.combine(local_day(now) + timedelta(days=days), AT, tzinfo=BRUSSELS)


def calendar_file(start, now, uid, summary, description, url):
    """One event with an alarm at its start, as .ics bytes; the texts hold no score and nothing personal."""
    return calendar_of([(start, uid, summary, description, url)], now)


def calendar_of(events, now):
    """[(start, uid, summary, description, url)] as one .ics file, each event with an alarm at its start."""
    from icalendar import Alarm, Calendar, Event  # on first use, like the PDF: not in every worker's memory

    calendar = Calendar()
    calendar.add("prodid", "-//ZorgSamen//Herinnering//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    for start, uid, summary, description, url in events:
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", now.astimezone(timezone.utc))
        # In UTC: every agenda shows it at 10:00 Belgian time without a VTIMEZONE block.
        event.add("dtstart", start.astimezone(timezone.utc))
        event.add("dtend", (start + LENGTH).astimezone(timezone.utc))
        event.add("summary", summary)
        event.add("description", description)
        event.add("url", url)
        event.add("transp", "TRANSPARENT")  # a moment for yourself, not a busy block in a shared agenda
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        alarm.add("trigger", timedelta(0))
        event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()
