"""A private link back to a result for 14 days: the screening's id encrypted with the app's keys.

Nothing is stored: the token itself says which screening it opens and when it was made
(Fernet's timestamp, read on the app clock), so it expires without a table or a job.
"""
from datetime import timedelta

from .. import crypto

KEEP_DAYS = 14
MAX_AGE = int(timedelta(days=KEEP_DAYS).total_seconds())


def link_token(screening_id, now):
    """The token of a link back to this screening's result, valid KEEP_DAYS from `now`."""
    return crypto.encrypt_at({"result": screening_id}, now)


def expires_on(now):
    """The moment a link made at `now` stops working (aware)."""
    return now + timedelta(seconds=MAX_AGE)


def opened(token, now):
    """(screening id, None) for a valid link; (None, "expired") for one older than KEEP_DAYS; (None, "unknown") else."""
    value = crypto.decrypt_within(token, MAX_AGE, now)
    if isinstance(value, dict) and isinstance(value.get("result"), str):
        return value["result"], None
    stamped = crypto.stamped_at(token)
    if stamped is not None and stamped < now and value is None:
        return None, "expired"
    return None, "unknown"
