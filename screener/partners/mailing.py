"""The account e-mails, written to the outbox in the caller's transaction (case e-mails: screener/cases/)."""
from flask import current_app

from ..mail.outbox import enqueue
from ..mail.render import render_email


def absolute_url(endpoint, **values):
    """An absolute link to a page, also outside a request (the worker, the CLI)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def send_invitation(db, *, to, link, hours, now):
    """The invitation to set a password."""
    subject, text, html = render_email("partners_invitation", link=link, hours=hours,
                                       site=current_app.config["SITE_NAME"])
    enqueue(db, kind="invitation", to=to, subject=subject, text=text, html=html, now=now)


def send_signin_locked(db, *, recipients, account_id, role, provider, hours, now):
    """Many failed sign-ins for one account: an alert to the coordinators, with no address or name in it."""
    subject, text, html = render_email("partners_signin_locked", account_id=account_id, role=role, provider=provider,
                                       hours=hours, link=absolute_url("partners.users"))
    for to in recipients:
        enqueue(db, kind="signin_locked", to=to, subject=subject, text=text, html=html, now=now)
