"""Who the coordinators are for alerts: the configured addresses and every active coordinator account.

Registered with the mail feature (mail.alerts.register_recipients), which knows no accounts.
"""
from flask import current_app

from . import queries


def coordinator_addresses(db):
    """Config COORDINATOR_EMAILS plus the active coordinator accounts, lower-case, each once, config first."""
    configured = [a.strip().lower() for a in current_app.config.get("COORDINATOR_EMAILS") or []]
    return list(dict.fromkeys(configured + queries.coordinator_emails(db)))
