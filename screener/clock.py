"""The one place that reads the time, so tests can move the clock instead of sleeping."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from flask import current_app

# Days (reports, deadlines, tallies) are Belgian calendar days; moments are stored in UTC.
BRUSSELS = ZoneInfo("Europe/Brussels")


def system_now():
    """The real time, timezone-aware UTC."""
    return datetime.now(timezone.utc)


def now():
    """The app's current time: config CLOCK (a callable) if set, else the system clock."""
    clock = current_app.config.get("CLOCK") or system_now
    return clock()


def iso(moment):
    """A datetime as the ISO text stored in the database (UTC, seconds)."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def parse(text):
    """Stored ISO text back to an aware datetime (None stays None)."""
    return datetime.fromisoformat(text) if text else None


def local_day(moment):
    """The Belgian calendar day of an aware datetime."""
    return moment.astimezone(BRUSSELS).date()
