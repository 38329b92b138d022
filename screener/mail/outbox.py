"""The outbox: e-mails are written in the caller's transaction and sent later by the sender."""
import secrets
from urllib.parse import urlsplit

from flask import current_app

from .. import clock, crypto


def new_message_id():
    """A unique Message-ID header value for one outbox row (kept across retries)."""
    host = urlsplit(current_app.config.get("BASE_URL") or "").hostname or "zorgsamen.local"
    return f"<{secrets.token_hex(16)}@{host}>"


def enqueue(db, *, kind, to, subject, text, html=None, case_id=None, personal=False, now=None):
    """Write one e-mail to the outbox inside the caller's open transaction; nothing is sent here.

    `personal=True` marks a worker's own address: it is stored encrypted, like other contact details.
    Returns the new row id.
    """
    now = now or clock.now()
    stamp = clock.iso(now)
    cursor = db.execute(
        "INSERT INTO outbox (message_id, kind, case_id, to_addr, to_encrypted, subject, body_text, body_html,"
        " created_at, next_attempt_at, attempts, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending')",
        [new_message_id(), kind, case_id, crypto.encrypt(to) if personal else to, 1 if personal else 0,
         subject, text, html, stamp, stamp],
    )
    return cursor.lastrowid


def recipient(row):
    """The plain address of an outbox row (decrypting a worker's own address); None once erased."""
    return crypto.decrypt(row["to_addr"]) if row["to_encrypted"] else row["to_addr"]
