"""Cookieless visit counting rules (pure): who counts, how a visitor is recognised for one day."""
import hashlib
import hmac
import re
from datetime import date, timedelta

VISIT_GAP = timedelta(minutes=30)  # a longer pause starts a new visit
FIRST_VISIT_COOKIE = "zs_eerste"  # holds only the date of the first visit, no identifier
FIRST_VISIT_DAYS = 365

_BOT = re.compile(
    r"bot|crawl|spider|slurp|scrap|fetch|preview|monitor|uptime|headless|lighthouse|curl|wget|"
    r"python-|httpx|go-http|java/|libwww|okhttp|axios|node-fetch|facebookexternalhit|^$",
    re.IGNORECASE,
)


def is_bot(agent):
    """True for crawlers, monitors, scripts and headless browsers (and an empty agent)."""
    return bool(_BOT.search(agent or ""))


# The pages of a request are counted as a visitor of their own: one pseudonym spanning the
# screener and the request form would tie an anonymous screening to a named request.
REQUEST_SECTION_PREFIX = "/aanmelden"


def section_of(page):
    """'request' for the request pages (form, confirmation, withdrawal), else 'site'."""
    return "request" if page.startswith(REQUEST_SECTION_PREFIX) else "site"


def visitor_hash(secret, address, agent, section="site"):
    """A one-day pseudonym per section: HMAC of the section, address and agent with the day's secret (32 hex chars)."""
    message = f"{address or ''}\n{agent or ''}".encode()
    if section != "site":  # the site's pseudonym stays as it was; other sections get their own
        message += f"\n{section}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


def continues_visit(last_at, now):
    """True when a page view at `now` belongs to the visit last active at `last_at`."""
    return last_at is not None and now - last_at < VISIT_GAP


def is_returning(cookie_value, today):
    """True when the first-visit cookie holds a valid date before today."""
    try:
        first = date.fromisoformat(cookie_value or "")
    except ValueError:
        return False
    return first < today


def first_visit_value(cookie_value, today):
    """The cookie value to keep: the earlier valid date, else today."""
    try:
        first = date.fromisoformat(cookie_value or "")
    except ValueError:
        return today.isoformat()
    return min(first, today).isoformat()
