"""The partners' e-mails, written to the outbox in the caller's transaction. No personal data in them."""
from flask import current_app

from ..mail.outbox import enqueue
from ..mail.render import render_email
from ..referral.cases import case_link


def absolute_url(endpoint, **values):
    """An absolute link to a page, also outside a request (the worker, the CLI)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def send_invitation(db, *, to, link, hours, now):
    """The invitation to set a password."""
    subject, text, html = render_email("partners_invitation", link=link, hours=hours,
                                       site=current_app.config["SITE_NAME"])
    enqueue(db, kind="invitation", to=to, subject=subject, text=text, html=html, now=now)


def send_reminder(db, *, case, provider, now):
    """Halfway to the deadline and still unclaimed: one reminder to the team."""
    language = provider.language if provider else "nl"
    subject, text, html = render_email("partners_reminder", language=language, reference=case["reference"],
                                       due_at=case["due_at"], link=case_link(case))
    for to in (provider.team_emails if provider else ()):
        enqueue(db, kind="reminder", to=to, subject=subject, text=text, html=html, case_id=case["id"], now=now)


def send_escalation(db, *, case, provider, recipients, now):
    """The deadline passed without first contact: one alert to the coordinators."""
    subject, text, html = render_email("partners_escalation", reference=case["reference"], due_at=case["due_at"],
                                       provider=provider.name if provider else None, link=case_link(case))
    for to in recipients:
        enqueue(db, kind="escalation", to=to, subject=subject, text=text, html=html, case_id=case["id"], now=now)


def send_signin_locked(db, *, recipients, account_id, role, provider, hours, now):
    """Many failed sign-ins for one account: an alert to the coordinators, with no address or name in it."""
    subject, text, html = render_email("partners_signin_locked", account_id=account_id, role=role, provider=provider,
                                       hours=hours, link=absolute_url("partners.users"))
    for to in recipients:
        enqueue(db, kind="signin_locked", to=to, subject=subject, text=text, html=html, now=now)
