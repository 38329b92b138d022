"""The outbox: e-mails are written in the caller's transaction and sent later by the sender."""
import secrets
from urllib.parse import urlsplit

from flask import current_app

from .. import clock, crypto
from . import queries


def new_message_id():
    """A unique Message-ID header value for one outbox row (kept across retries)."""
    host = urlsplit(current_app.config.get("BASE_URL") or "").hostname or "zorgsamen.local"
    return f"<{secrets.token_hex(16)}@{host}>"


def enqueue(db, *, kind, to, subject, text, html=None, case_id=None, personal=False, now=None):
    """Write one e-mail to the outbox inside the caller's open transaction; nothing is sent here.

    `personal=True` marks a worker's own address: it is stored encrypted, like other contact details.
    Returns the new row id.
    """
    return queries.insert_pending(db, message_id=new_message_id(), kind=kind, case_id=case_id,
                                  to_addr=crypto.encrypt(to) if personal else to, to_encrypted=personal,
                                  subject=subject, text=text, html=html, at=clock.iso(now or clock.now()))


def recipient(row):
    """The plain address of an outbox row (decrypting a worker's own address); None once erased."""
    return crypto.decrypt(row["to_addr"]) if row["to_encrypted"] else row["to_addr"]


def forget(db, row_ids):
    """Erase the address and text of these outbox rows (a feature deleted what they were about); unsent ones are cancelled."""
    queries.forget_rows(db, [i for i in row_ids if i is not None])
