"""All SQL of the thank-you cards; the only writer of cards, card_blocks and card_tallies."""


def is_blocked(db, recipient_hash):
    """True when the owner of this address asked for no more cards."""
    return db.execute("SELECT 1 FROM card_blocks WHERE recipient_hash = ?", [recipient_hash]).fetchone() is not None


def block(db, recipient_hash, at):
    """Put an address hash on the blocklist (again is harmless)."""
    db.execute("INSERT OR IGNORE INTO card_blocks (recipient_hash, blocked_at) VALUES (?, ?)", [recipient_hash, at])


def cards_on_day(db, day):
    """How many cards were sent on a Belgian day (every worker writes here, so they share the count)."""
    return db.execute("SELECT count(*) FROM cards WHERE day = ?", [day]).fetchone()[0]


def cards_to_since(db, recipient_hash, since):
    """How many cards went to this address hash since `since` (UTC ISO)."""
    return db.execute("SELECT count(*) FROM cards WHERE recipient_hash = ? AND created_at >= ?",
                      [recipient_hash, since]).fetchone()[0]


def insert_card(db, *, token_hash, design, message, sender_name, recipient_name, recipient_hash, language,
                created_at, day, month):
    """Store a card and count it in its month, in the caller's transaction; returns its id."""
    cursor = db.execute(
        "INSERT INTO cards (token_hash, design, message, sender_name, recipient_name, recipient_hash, language,"
        " created_at, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [token_hash, design, message, sender_name, recipient_name, recipient_hash, language, created_at, day])
    db.execute("INSERT INTO card_tallies (month, count) VALUES (?, 1)"
               " ON CONFLICT (month) DO UPDATE SET count = count + 1", [month])
    return cursor.lastrowid


def set_outbox_id(db, card_id, outbox_id):
    """Remember which outbox row carries the card's e-mail (retention erases its address)."""
    db.execute("UPDATE cards SET outbox_id = ? WHERE id = ?", [outbox_id, card_id])


def card_by_token_hash(db, token_hash):
    """The card behind a link, or None."""
    rows = list(db.query("SELECT * FROM cards WHERE token_hash = ?", [token_hash]))
    return rows[0] if rows else None


def expired(db, cutoff):
    """(card id, outbox id) of the cards made before `cutoff` (UTC ISO)."""
    return db.execute("SELECT id, outbox_id FROM cards WHERE created_at < ?", [cutoff]).fetchall()


def delete_cards(db, ids):
    """Delete these cards."""
    db.conn.executemany("DELETE FROM cards WHERE id = ?", [(i,) for i in ids])


def per_month(db, month_from=None, month_to=None):
    """[(month 'YYYY-MM', cards sent)] in order, optionally within two months (inclusive)."""
    return db.execute("SELECT month, count FROM card_tallies WHERE month >= ? AND month <= ? ORDER BY month",
                      [month_from or "0000-00", month_to or "9999-99"]).fetchall()


def set_month_counts(db, rows):
    """Demo counts: [(month, count)], replacing what a month had."""
    with db.conn:
        db.conn.executemany("INSERT OR REPLACE INTO card_tallies (month, count) VALUES (?, ?)", rows)


def has_counts(db):
    """True when the counter holds any month."""
    return db.execute("SELECT 1 FROM card_tallies LIMIT 1").fetchone() is not None
