"""The staff feature's e-mails: the invitation to set a password and the sign-in alert, written to the outbox in the caller's transaction."""
from flask import current_app

from ..mail.outbox import enqueue
from ..mail.render import render_email
from ..web import absolute_url


def send_invitation(db, *, to, link, hours, now):
    """The invitation to set a password."""
    subject, text, html = render_email("partners_invitation", link=link, hours=hours,
                                       site=current_app.config["SITE_NAME"])
    enqueue(db, kind="invitation", to=to, subject=subject, text=text, html=html, now=now)


def send_signin_locked(db, *, recipients, account_id, role, provider, hours, now):
    """Many failed sign-ins for one account: an alert to the coordinators, with no address or name in it."""
    subject, text, html = render_email("partners_signin_locked", account_id=account_id, role=role, provider=provider,
                                       hours=hours, link=absolute_url("staff.users"))
    for to in recipients:
        enqueue(db, kind="signin_locked", to=to, subject=subject, text=text, html=html, now=now)
