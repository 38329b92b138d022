"""When to try a failed e-mail again. Pure."""
from datetime import timedelta

BACKOFF_MINUTES = (1, 5, 15, 60)  # after the 1st, 2nd, 3rd, 4th failure; hourly after that
STUCK_AFTER = timedelta(hours=24)  # unsent this long: the coordinators are alerted (once)
PERMANENT_FAILURES_BEFORE_DEAD = 5  # a 5xx answer this often: stop trying (and alert)


def retry_delay(failures):
    """The wait after `failures` failed attempts (1 -> 1 min, 2 -> 5, 3 -> 15, 4 -> 60, then hourly)."""
    index = min(max(failures, 1), len(BACKOFF_MINUTES)) - 1
    return timedelta(minutes=BACKOFF_MINUTES[index])


def is_permanent(code):
    """An SMTP reply code that will not get better by retrying (5xx)."""
    return code is not None and 500 <= code < 600
