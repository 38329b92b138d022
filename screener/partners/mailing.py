"""The partners' e-mails, written to the outbox in the caller's transaction. No personal data in them."""
from ..mail.outbox import enqueue
from ..mail.render import render_email
from ..referral.cases import case_link


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
