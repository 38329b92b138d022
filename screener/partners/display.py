"""How case data reads on the partner pages: labels, local times, durations."""
import json
from urllib.parse import quote

from flask_babel import format_datetime, gettext as _

from .. import clock
from ..mail.addresses import AddressError, normalized_address
from ..requests.forms import normalise_phone
# The templates read the case's words as labels.STATUS_LABELS, labels.OUTCOME_LABELS, ...
from ..cases.vocabulary import (CHANNEL_LABELS, EVENT_LABELS, LIST_LABELS, MOMENT_LABELS,  # noqa: F401
                                OUTCOME_LABELS, OVERDUE_LABEL, STATUS_LABELS)
from ..cases.vocabulary import AGREEMENT_LABELS, KIND_LABELS  # noqa: F401
from ..screening.content import BAND_LABELS  # noqa: F401


def local_datetime(value):
    """A stored ISO time (or datetime) in Belgian local time, e.g. 'ma 23 nov. 14:05'."""
    moment = clock.parse(value) if isinstance(value, str) else value
    return format_datetime(moment, "EEE d MMM HH:mm") if moment else ""


def duration(seconds):
    """A duration, coarse enough to scan: '1 d 3 u', '2 u 05 min' or '40 min'."""
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return _("%(days)s d %(hours)s u", days=days, hours=hours)
    if hours:
        return _("%(hours)s u %(minutes)s min", hours=hours, minutes=f"{minutes:02d}")
    return _("%(minutes)s min", minutes=minutes)


def time_left(case, now):
    """(overdue?, text): the time until the deadline, or how long it is past."""
    seconds = (clock.parse(case["due_at"]) - now).total_seconds()
    return seconds <= 0, duration(seconds)


def waiting_time(case, now=None):
    """The worker's wait from the request to first contact (or until now while still waiting)."""
    end = clock.parse(case["first_contact_at"]) if case.get("first_contact_at") else now
    return duration((end - clock.parse(case["created_at"])).total_seconds()) if end else ""


# Contact links are built from values that pass today's checks, never from the stored text itself:
# a row stored before the checks could hold "x@y.be?cc=...&body=...", a pre-filled e-mail.
def mailto_href(email):
    """A `mailto:` link for a stored address, or None when it does not pass the address check (show text)."""
    try:
        address = normalized_address(email)
    except AddressError:
        return None
    return "mailto:" + quote(address, safe="@+")


def tel_href(phone):
    """A `tel:` link (E.164) for a stored number, or None when it is not a valid number (show text)."""
    number = normalise_phone(phone) if isinstance(phone, str) else None
    return "tel:" + number if number else None


def detail_items(detail):
    """A history entry's JSON detail as a dict."""
    return json.loads(detail) if detail else {}


def register_filters(app):
    """Template filters used by the partner pages and e-mails."""
    app.add_template_filter(local_datetime, "partners_datetime")
    app.add_template_filter(detail_items, "partners_detail")
