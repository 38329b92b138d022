"""The sender: takes due outbox rows (with a lease), sends them over SMTP, retries with backoff."""
import logging
import smtplib
import ssl
from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from .. import clock
from . import queries
from .addresses import envelope_address
from .backoff import SMTP, UNBUILDABLE, UNEXPECTED, UNSENDABLE, gives_up, retry_delay
from .outbox import recipient

log = logging.getLogger(__name__)
BATCH = 50
LEASE = timedelta(minutes=10)  # longer than a batch can take; a dead sender's rows come back after it


class SMTPTransport:
    """One SMTP connection, opened on first use, with a timeout and verified TLS."""

    def __init__(self, config):
        self.config = config
        self.connection = None

    def _open(self):
        c = self.config
        timeout = c.get("MAIL_TIMEOUT") or 10
        if c.get("MAIL_USE_SSL"):
            conn = smtplib.SMTP_SSL(c["MAIL_SERVER"], c["MAIL_PORT"], timeout=timeout, context=ssl.create_default_context())
        else:
            conn = smtplib.SMTP(c["MAIL_SERVER"], c["MAIL_PORT"], timeout=timeout)
            if c.get("MAIL_USE_TLS"):
                conn.starttls(context=ssl.create_default_context())
        if c.get("MAIL_USERNAME"):
            conn.login(c["MAIL_USERNAME"], c.get("MAIL_PASSWORD") or "")
        return conn

    def connect(self):
        """Open the connection unless it is open."""
        if self.connection is None:
            self.connection = self._open()

    def send(self, message):
        self.connect()
        self.connection.send_message(message)

    def close(self):
        if self.connection is not None:
            try:
                self.connection.quit()
            except (smtplib.SMTPException, OSError):
                self.connection.close()
            self.connection = None


class Unbuildable(Exception):
    """An outbox row that cannot become an e-mail (a bad address, a header it cannot hold): it never will."""


class UnreadableAddress(Exception):
    """A worker's encrypted address that no key opens (a key may come back, so it is tried again)."""


def build_message(row, to, sender):
    """The e-mail of one outbox row (its Message-ID stays the same on every attempt)."""
    message = EmailMessage()
    message["Subject"] = row["subject"]
    message["From"] = sender
    message["To"] = to
    message["Message-ID"] = row["message_id"]
    message["Date"] = format_datetime(clock.parse(row["created_at"]))
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(row["body_text"])
    if row["body_html"]:
        message.add_alternative(row["body_html"], subtype="html")
    return message


def prepare(row, sender):
    """The e-mail of one outbox row, its address checked again; raises Unbuildable or UnreadableAddress."""
    to = recipient(row)
    if to is None:
        raise UnreadableAddress()
    try:
        # Checked here too: rows queued before the form checked addresses, or written by other code.
        return build_message(row, envelope_address(to), sender)
    except Exception as exc:  # whatever it is, this row will fail the same way every time
        raise Unbuildable(type(exc).__name__) from None


def error_label(exc):
    """What went wrong, without any content: the exception class and SMTP code."""
    code = getattr(exc, "smtp_code", None)
    if code is None and isinstance(getattr(exc, "recipients", None), dict) and exc.recipients:
        code = next(iter(exc.recipients.values()))[0]
    name = type(exc).__name__
    if isinstance(exc, TimeoutError) or "timed out" in str(exc):  # smtplib wraps a read timeout
        name = "Timeout"
    return f"{name} {code}" if code else name, code


# Errors that say the connection is gone: the rest of the batch waits for the next turn.
CONNECTION_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, smtplib.SMTPHeloError,
                     smtplib.SMTPAuthenticationError, smtplib.SMTPNotSupportedError, OSError)


def uses_dev_mailbox(config):
    """True without MAIL_SERVER: messages go to the development mailbox instead of SMTP."""
    return not config.get("MAIL_SERVER")


def send_due(app, db, transport=None, now=None):
    """Send every due message once; returns {'sent': n, 'failed': n}. Safe to run in several processes."""
    now = now or clock.now()
    config = app.config
    rows = queries.claim_due(db, clock.iso(now), clock.iso(now + LEASE), BATCH)
    result = {"sent": 0, "failed": 0}
    if not rows:
        return result
    if uses_dev_mailbox(config):
        if not (app.debug or config.get("DEV_MAILBOX")):
            log.warning("MAIL_SERVER is not set: %d e-mails kept in the outbox as development mailbox", len(rows))
        for row in rows:
            queries.mark_sent(db, row["id"], clock.iso(now), "dev_mailbox", erase_personal=False)
        result["sent"] = len(rows)
        return result
    transport = transport or SMTPTransport(config)
    try:
        for position, row in enumerate(rows):
            outcome, server_gone = _send_one(transport, db, row, config, now)
            result[outcome] += 1
            if server_gone:
                for rest in rows[position + 1:]:
                    queries.release(db, rest["id"])  # the server is away: try these at the next turn
                break
    finally:
        transport.close()
    return result


def _send_one(transport, db, row, config, now):
    """Try one message; any error counts against this message alone. Returns (outcome, server gone?)."""
    try:
        message = prepare(row, config["MAIL_DEFAULT_SENDER"])
    except Unbuildable as exc:
        _failed(db, row, now, f"Unbuildable {exc}", UNBUILDABLE)
        return "failed", False
    except Exception as exc:  # an address no key opens, or a fault while decrypting
        _failed(db, row, now, type(exc).__name__, UNEXPECTED)
        return "failed", False
    try:
        transport.connect()
    except Exception as exc:  # the server or its settings, not this message: the rest waits too
        label, code = error_label(exc)
        _failed(db, row, now, label, SMTP, code)
        transport.close()
        return "failed", True
    try:
        transport.send(message)
    except smtplib.SMTPNotSupportedError:  # an address with letters like é, and no SMTPUTF8 at this server
        _failed(db, row, now, "SMTPNotSupportedError SMTPUTF8", UNSENDABLE)
        return "failed", False
    except (smtplib.SMTPException, OSError) as exc:
        label, code = error_label(exc)
        _failed(db, row, now, label, SMTP, code)
        if isinstance(exc, CONNECTION_ERRORS) or code == 421:
            transport.close()
            return "failed", True
        return "failed", False
    except Exception as exc:  # e.g. smtplib choking on this one message: the connection is in doubt
        _failed(db, row, now, type(exc).__name__, UNEXPECTED)
        transport.close()  # the next message opens a fresh one
        return "failed", False
    queries.mark_sent(db, row["id"], clock.iso(now), "smtp", erase_personal=True)
    return "sent", False


def _failed(db, row, now, label, fault, code=None):
    """Record one failed attempt: back off, or give up (dead; the stuck alert tells the coordinators)."""
    failures = row["attempts"] + 1
    dead = gives_up(failures, fault, code)
    queries.mark_failed(db, row["id"], clock.iso(now + retry_delay(failures)), label, dead=dead)
    # The row id, kind and error class only: no address, no content.
    log.warning("outbox message %s (%s) not sent (%s); attempt %d%s", row["id"], row["kind"], label, failures,
                ", given up" if dead else "")
