"""When a check-in is due, when its reminders go out and when its links stop working. Pure: no Flask, no database."""
from datetime import timedelta

KINDS = ("4w", "3m")  # one per entry of FOLLOWUP_AFTER_DAYS, in order
DEFAULT_AFTER_DAYS = (28, 91)  # 4 weeks and 3 months after the first contact
DEFAULT_REMINDER_DAYS = (7, 14)  # at most two reminders, counted from the first e-mail
DEFAULT_LINK_DAYS = 21  # a check-in's links work this long after the first e-mail
RECOVERY_KIND = "6m"
DEFAULT_RECOVERY_DAYS = 182  # relapse is most frequent in the first 6 months: ask again then


def schedule(first_contact, after_days=DEFAULT_AFTER_DAYS, recovered=False, recovery_days=DEFAULT_RECOVERY_DAYS):
    """[(kind, due moment)] of a case's check-ins after its first contact; the 6-month one only after a
    3-month answer that showed recovery."""
    planned = [(kind, first_contact + timedelta(days=days)) for kind, days in zip(KINDS, after_days)]
    if recovered:
        planned.append((RECOVERY_KIND, first_contact + timedelta(days=recovery_days)))
    return planned


def due_now(first_contact, now, existing_kinds, after_days=DEFAULT_AFTER_DAYS, link_days=DEFAULT_LINK_DAYS,
            recovered=False, recovery_days=DEFAULT_RECOVERY_DAYS):
    """[(kind, due moment)] to create now: due, not made yet, and not so late that its links would have
    expired already (a check-in missed by far is skipped rather than sent out of time)."""
    return [(kind, due) for kind, due in schedule(first_contact, after_days, recovered, recovery_days)
            if kind not in existing_kinds and due <= now < due + timedelta(days=link_days)]


def expires(sent, link_days=DEFAULT_LINK_DAYS):
    """The moment a check-in's links stop working."""
    return sent + timedelta(days=link_days)


def reminder_due(sent, reminders_sent, now, expires_at, reminder_days=DEFAULT_REMINDER_DAYS):
    """True when the next reminder of an open check-in is due: at most len(reminder_days), none after expiry."""
    if reminders_sent >= len(reminder_days) or now >= expires_at:
        return False
    return now >= sent + timedelta(days=reminder_days[reminders_sent])


def is_open(checkin, now, parse):
    """True when a check-in can still be answered: sent, not answered, not cancelled, not expired."""
    return bool(checkin["sent_at"]) and not checkin["answered_at"] and not checkin["cancelled_at"] \
        and now < parse(checkin["expires_at"])
