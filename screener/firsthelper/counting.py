"""Which day a visit or play is counted on. Pure: takes the moment and the time zone."""
from zoneinfo import ZoneInfo


def count_day(moment, timezone="Europe/Brussels"):
    """The local calendar date of an aware `moment`, as YYYY-MM-DD (a day as a Flemish visitor lives it)."""
    return moment.astimezone(ZoneInfo(timezone)).date().isoformat()
