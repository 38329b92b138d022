"""Reading a moment a team member typed (Belgian local time) for the first contact. Pure."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

# A phone's clock may run a little ahead of the server's.
FUTURE_TOLERANCE = timedelta(minutes=5)


def first_contact_moment(text, *, now, created_at, tz="Europe/Brussels"):
    """(moment in aware UTC, None), or (None, code) with code 'invalid', 'future' or 'before_request'.

    Empty text means now. The moment may not lie in the future nor before the request came in.
    """
    text = (text or "").strip()
    if not text:
        return now, None
    try:
        local = datetime.fromisoformat(text)
    except ValueError:
        return None, "invalid"
    if local.tzinfo is not None:
        return None, "invalid"
    moment = local.replace(tzinfo=ZoneInfo(tz)).astimezone(timezone.utc)
    if moment > now + FUTURE_TOLERANCE:
        return None, "future"
    if moment < created_at.replace(second=0, microsecond=0):
        return None, "before_request"
    return min(moment, now), None
