"""Check-ins for a worker who left only a phone number: no e-mail can ask them later, so the confirmation
page offers a calendar file with a moment and a link for each check-in.

The moments count from the promised first contact (the request's deadline): the real first contact
is not known yet. Each download makes new links (only their hashes are stored); earlier ones keep working.
"""
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from flask_babel import gettext as _

from .. import clock
from ..db import immediate
from ..screening.reminder import AT, calendar_of
from ..tokens import hash_token, new_token
from ..web import absolute_url
from . import queries, schedule
from .sending import TOKEN_BYTES, settings


def offered(case, contact):
    """True when the worker agreed to be asked later but left no e-mail address to ask them by."""
    return bool(case["followup_consent"]) and not (contact or {}).get("email") and case["outcome"] != "withdrawn"


def planned(promised, after_days=schedule.DEFAULT_AFTER_DAYS):
    """[(kind, moment)]: each check-in at 10:00 Belgian time, `after_days` after the promised first contact's day."""
    day = clock.local_day(promised)
    return [(kind, datetime.combine(day + timedelta(days=days), AT, tzinfo=clock.BRUSSELS))
            for kind, days in zip(schedule.KINDS, after_days)]


def _links(db, case, now, after_days, link_days):
    """[(kind, moment, token)]: the check-ins made (once) and handed over now, each with a new link."""
    made = []
    with immediate(db):
        for kind, moment in planned(clock.parse(case["due_at"]), after_days):
            checkin = queries.checkin_of(db, case["id"], kind)
            if checkin is None:
                checkin_id = queries.insert_checkin(
                    db, case_id=case["id"], kind=kind, due_at=clock.iso(moment), sent_at=clock.iso(now),
                    expires_at=clock.iso(schedule.expires(moment, link_days)))
            elif checkin["answered_at"] or checkin["cancelled_at"]:
                continue
            else:
                checkin_id = checkin["id"]
            token = new_token(TOKEN_BYTES)
            queries.add_link(db, checkin_id, hash_token(token), clock.iso(now))
            made.append((kind, moment, token))
    return made


def calendar_file(db, case, now, config):
    """The .ics file with a moment and a link per check-in; the texts hold no name, number or reference."""
    after_days, _reminder_days, link_days, _recovery_days = settings(config)
    host = urlsplit(config["BASE_URL"]).hostname or "zorgsamen"
    events = []
    for kind, moment, token in _links(db, case, now, after_days, link_days):
        link = absolute_url("followup.checkin", token=token)
        description = "\n\n".join([
            _("Een paar vragen over hoe het nu met je gaat, en over de hulp. Het duurt drie minuten."),
            link,
            _("Liever geen vragen meer? %(link)s", link=absolute_url("followup.stop", token=token)),
        ])
        events.append((moment, f"{new_token(16)}@{host}", _("Hoe gaat het nu met je?"), description, link))
    return calendar_of(events, now)
