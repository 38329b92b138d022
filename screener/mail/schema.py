"""Schema of the outbox: e-mails are written here in the same transaction as the change they report."""
from sqlite_utils import Migrations

migrations = Migrations("mail")


@migrations()
def create_outbox(db):
    db["outbox"].create(
        {
            "id": int,
            "message_id": str,  # unique Message-ID header, so a retry is recognisable
            "kind": str,  # new_case, reminder, escalation, withdrawn, confirmation, invitation, alert ...
            "case_id": int,
            "to_addr": str,  # team/coordinator address; a worker's own address is stored encrypted
            "to_encrypted": int,  # 1 when to_addr is a Fernet token (a worker's address)
            "subject": str,
            "body_text": str,
            "body_html": str,
            "created_at": str,
            "next_attempt_at": str,
            "attempts": int,
            "last_error": str,  # the SMTP error class/code only, no content
            "status": str,  # pending | sending | sent | dead | cancelled (see queries.py)
            "lease_until": str,  # a sender claims a row until then
            "sent_at": str,
            "alerted_at": str,  # coordinators told it is stuck (after 24 h)
        },
        pk="id",
        not_null={"message_id", "kind", "to_addr", "subject", "body_text", "created_at", "next_attempt_at", "status"},
        defaults={"attempts": 0, "status": "pending", "to_encrypted": 0},
    )
    db["outbox"].create_index(["message_id"], unique=True)
    db["outbox"].create_index(["status", "next_attempt_at"])


@migrations()
def add_outbox_delivered_via(db):
    # smtp, or dev_mailbox when no MAIL_SERVER is configured (development: shown at /dev/mailbox).
    db["outbox"].add_column("delivered_via", str)
