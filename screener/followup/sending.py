"""The follow-up job in `flask worker`: create the check-ins that are due, e-mail them, remind at most twice."""
import logging

from flask import current_app

from .. import clock, crypto
from ..cases import queries as cases
from ..cases.create import format_deadline_in
from ..db import get_db, immediate
from ..mail.outbox import enqueue
from ..mail.render import render_email
from ..tokens import hash_token, new_token
from ..web import absolute_url
from . import queries, schedule

log = logging.getLogger(__name__)
TOKEN_BYTES = 16  # 128 bits: a link stays valid for weeks, not for ever
MAIL_KIND = "followup"


def settings(config):
    """(after_days, reminder_days, link_days, recovery_days) from the app's settings."""
    return (tuple(config["FOLLOWUP_AFTER_DAYS"]), tuple(config["FOLLOWUP_REMINDER_DAYS"]),
            int(config["FOLLOWUP_LINK_DAYS"]), int(config["FOLLOWUP_RECOVERY_DAYS"]))


def run(app=None):
    """Create and e-mail the check-ins due now, then the reminders due now; returns (sent, reminded)."""
    db = get_db()
    now = clock.now()
    after_days, reminder_days, link_days, recovery_days = settings(current_app.config)
    sent = reminded = 0
    addresses = {}
    for case in cases.followup_candidates(db):
        address, language = _address(case)
        if not address:
            continue  # a phone number only: no e-mail (the calendar file is offered on the confirmation page)
        addresses[case["id"]] = (address, language)
        existing = queries.kinds_of_case(db, case["id"])
        recovered = schedule.KINDS[-1] in existing and queries.recovered_at(db, case["id"], schedule.KINDS[-1])
        for kind, due in schedule.due_now(clock.parse(case["first_contact_at"]), now, existing, after_days, link_days,
                                          recovered, recovery_days):
            try:  # one case that fails must not stop the others; the next run tries it again
                sent += _send_new(db, case["id"], kind, due, now, schedule.expires(now, link_days), address, language)
            except Exception as exc:  # noqa: BLE001 - logged by kind only: the message may hold an address
                log.error("follow-up: case %s not sent (%s)", case["id"], type(exc).__name__)
    for checkin in queries.open_checkins(db, clock.iso(now)):
        if checkin["case_id"] not in addresses:
            continue  # consent withdrawn or contact erased since
        if schedule.reminder_due(clock.parse(checkin["sent_at"]), checkin["reminders_sent"], now,
                                 clock.parse(checkin["expires_at"]), reminder_days):
            try:
                reminded += _remind(db, checkin, now, *addresses[checkin["case_id"]])
            except Exception as exc:  # noqa: BLE001 - as above
                log.error("follow-up: reminder %s not sent (%s)", checkin["id"], type(exc).__name__)
    if sent or reminded:
        log.info("follow-up: %d check-ins sent, %d reminders", sent, reminded)  # counts only
    return sent, reminded


def _address(case):
    """(the worker's e-mail address or None, their language)."""
    contact = crypto.decrypt(case["contact_encrypted"]) or {}
    return (contact.get("email") or None) if isinstance(contact, dict) else None, case["language"] or "nl"


def _message(token, expires_at, language, reminder):
    """(subject, text, html) of a check-in e-mail: a link, its end date, the stop link; no personal data."""
    return render_email("followup_checkin", language=language, reminder=reminder,
                        checkin_link=absolute_url("followup.checkin", token=token),
                        stop_link=absolute_url("followup.stop", token=token),
                        expires=format_deadline_in(language, expires_at))


def _send_new(db, case_id, kind, due, now, expires_at, address, language):
    token = new_token(TOKEN_BYTES)
    subject, text, html = _message(token, expires_at, language, reminder=False)
    with immediate(db):
        checkin_id = queries.insert_checkin(db, case_id=case_id, kind=kind, due_at=clock.iso(due),
                                            sent_at=clock.iso(now), expires_at=clock.iso(expires_at))
        if checkin_id is None:
            return 0
        queries.add_link(db, checkin_id, hash_token(token), clock.iso(now))
        enqueue(db, kind=MAIL_KIND, to=address, subject=subject, text=text, html=html, case_id=case_id,
                personal=True, now=now)
    return 1


def _remind(db, checkin, now, address, language):
    token = new_token(TOKEN_BYTES)
    subject, text, html = _message(token, clock.parse(checkin["expires_at"]), language, reminder=True)
    with immediate(db):
        if not queries.mark_reminded(db, checkin["id"], checkin["reminders_sent"], clock.iso(now)):
            return 0
        queries.add_link(db, checkin["id"], hash_token(token), clock.iso(now))
        enqueue(db, kind=MAIL_KIND, to=address, subject=subject, text=text, html=html,
                case_id=checkin["case_id"], personal=True, now=now)
    return 1
