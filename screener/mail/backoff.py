"""When to try a failed e-mail again. Pure."""
from datetime import timedelta

BACKOFF_MINUTES = (1, 5, 15, 60)  # after the 1st, 2nd, 3rd, 4th failure; hourly after that
STUCK_AFTER = timedelta(hours=24)  # unsent this long: the coordinators are alerted (once)
PERMANENT_FAILURES_BEFORE_DEAD = 5  # a 5xx answer (or an unexpected error) this often: stop trying (and alert)

# What went wrong with one message, for gives_up().
SMTP = "smtp"  # the server answered with an error code, or the connection failed
UNBUILDABLE = "unbuildable"  # the row cannot become an e-mail (a bad address): it never will
UNSENDABLE = "unsendable"  # this server can never take it (an address that needs SMTPUTF8)
UNEXPECTED = "unexpected"  # anything else (an address no key opens, a fault in a library)


def retry_delay(failures):
    """The wait after `failures` failed attempts (1 -> 1 min, 2 -> 5, 3 -> 15, 4 -> 60, then hourly)."""
    index = min(max(failures, 1), len(BACKOFF_MINUTES)) - 1
    return timedelta(minutes=BACKOFF_MINUTES[index])


def is_permanent(code):
    """An SMTP reply code that will not get better by retrying (5xx)."""
    return code is not None and 500 <= code < 600


def gives_up(failures, fault, code=None):
    """Whether a message is dead after `failures` failed attempts ending in `fault` (SMTP reply `code`).

    An unbuildable or unsendable message is dead at once; a 5xx answer or an unexpected error after
    five attempts; a 4xx answer or a lost connection never (the coordinators hear of it after 24 hours).
    """
    if fault in (UNBUILDABLE, UNSENDABLE):
        return True
    if fault == UNEXPECTED:
        return failures >= PERMANENT_FAILURES_BEFORE_DEAD
    return is_permanent(code) and failures >= PERMANENT_FAILURES_BEFORE_DEAD
