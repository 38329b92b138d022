"""All SQL of the outbox: claiming due messages with a lease, recording the outcome."""
from ..db import immediate

# An outbox row is pending or sending (waiting), sent, dead (the sender gave up: the health check
# and the stuck-mail alert report it) or cancelled (never to be sent, on purpose: the worker
# withdrew or their details were erased; nobody needs to act).


def insert_pending(db, *, message_id, kind, case_id, to_addr, to_encrypted, subject, text, html, at):
    """Add one message, due at once, in the caller's open transaction; returns its row id."""
    cursor = db.execute(
        "INSERT INTO outbox (message_id, kind, case_id, to_addr, to_encrypted, subject, body_text, body_html,"
        " created_at, next_attempt_at, attempts, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 'pending')",
        [message_id, kind, case_id, to_addr, 1 if to_encrypted else 0, subject, text, html, at, at],
    )
    return cursor.lastrowid


def claim_due(db, now, lease_until, limit):
    """Take up to `limit` due messages for this sender until `lease_until`; no other sender gets them.

    Rows left 'sending' by a sender that died are due again once their lease has run out.
    """
    with immediate(db):
        rows = list(db.query(
            "SELECT * FROM outbox WHERE (status = 'pending' AND next_attempt_at <= :now)"
            " OR (status = 'sending' AND lease_until <= :now) ORDER BY next_attempt_at, id LIMIT :limit",
            {"now": now, "limit": limit}))
        for row in rows:
            db.execute("UPDATE outbox SET status = 'sending', lease_until = ? WHERE id = ?", [lease_until, row["id"]])
    return rows


def mark_sent(db, row_id, at, via, erase_personal):
    """Record a delivery. With `erase_personal` the text goes (its links open a case, an invitation or a
    withdrawal: only their hashes stay in the database), and so does a worker's own address."""
    with immediate(db):
        db.execute("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, lease_until = NULL,"
                   " last_error = NULL, delivered_via = ? WHERE id = ? AND status = 'sending'", [at, via, row_id])
        if erase_personal:
            db.execute("UPDATE outbox SET body_text = '', body_html = NULL WHERE id = ?", [row_id])
            db.execute("UPDATE outbox SET to_addr = '', to_encrypted = 0 WHERE id = ? AND to_encrypted = 1", [row_id])


def mark_failed(db, row_id, next_attempt_at, error, dead=False):
    """Record a failed attempt and when to try again (or give up: dead)."""
    with immediate(db):
        db.execute("UPDATE outbox SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                   " lease_until = NULL WHERE id = ? AND status = 'sending'",
                   ["dead" if dead else "pending", next_attempt_at, error, row_id])


def release(db, row_id):
    """Give a claimed message back untouched (the sender stopped before trying it)."""
    with immediate(db):
        db.execute("UPDATE outbox SET status = 'pending', lease_until = NULL WHERE id = ? AND status = 'sending'", [row_id])


def stuck_unalerted(db, cutoff):
    """Messages created before `cutoff`, still not sent, about which nobody was alerted yet."""
    return list(db.query(
        "SELECT id, kind, created_at, attempts, last_error FROM outbox WHERE status IN ('pending', 'sending', 'dead')"
        " AND created_at <= ? AND alerted_at IS NULL AND kind != 'outbox_stuck' ORDER BY id", [cutoff]))


def mark_alerted(db, row_ids, at):
    """Remember that the coordinators were told about these messages."""
    db.conn.executemany("UPDATE outbox SET alerted_at = ? WHERE id = ?", [(at, i) for i in row_ids])


def mailbox(db, limit=100):
    """The newest outbox messages, for the development mailbox."""
    return list(db.query("SELECT * FROM outbox ORDER BY id DESC LIMIT ?", [limit]))


def message(db, row_id):
    """One outbox message, or None."""
    rows = list(db.query("SELECT * FROM outbox WHERE id = ?", [row_id]))
    return rows[0] if rows else None


def counts_by_status(db):
    """{status: number of messages}."""
    return dict(db.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetchall())


def cancel_personal(db, case_id):
    """Erase the worker's own address and the text (it holds the withdrawal link) from a case's e-mails;
    those not sent yet are cancelled."""
    db.execute(
        "UPDATE outbox SET to_addr = '', to_encrypted = 0, body_text = '', body_html = NULL, lease_until = NULL,"
        " status = CASE WHEN status IN ('pending', 'sending') THEN 'cancelled' ELSE status END"
        " WHERE case_id = ? AND to_encrypted = 1", [case_id])


def cancel_unsent(db, case_id, kind):
    """Cancel a case's e-mails of one kind that are not sent yet, erasing their address and text."""
    db.execute(
        "UPDATE outbox SET to_addr = '', to_encrypted = 0, body_text = '', body_html = NULL, lease_until = NULL,"
        " status = 'cancelled' WHERE case_id = ? AND kind = ? AND status IN ('pending', 'sending')", [case_id, kind])


def backlog(db):
    """(messages waiting, created_at of the oldest waiting one, messages given up on); cancelled ones are neither."""
    waiting, oldest = db.execute(
        "SELECT count(*), min(created_at) FROM outbox WHERE status IN ('pending', 'sending')").fetchone()
    dead = db.execute("SELECT count(*) FROM outbox WHERE status = 'dead'").fetchone()[0]
    return waiting, oldest, dead


def forget_rows(db, row_ids):
    """Erase the address and text of these messages; those not sent yet are cancelled."""
    db.conn.executemany(
        "UPDATE outbox SET to_addr = '', to_encrypted = 0, body_text = '', body_html = NULL, lease_until = NULL,"
        " status = CASE WHEN status IN ('pending', 'sending') THEN 'cancelled' ELSE status END WHERE id = ?",
        [(i,) for i in row_ids])
