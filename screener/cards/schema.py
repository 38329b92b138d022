"""Schema of the thank-you cards: the cards (90 days), the blocklist, and the counts per month (kept)."""
from sqlite_utils import Migrations

migrations = Migrations("cards")


@migrations()
def create_cards(db):
    # A card holds no address: only a keyed hash of it (the per-recipient limit) and the id of its
    # outbox row, where the address waits encrypted until the sender delivers it.
    db.execute(
        """
        CREATE TABLE cards (
            id INTEGER PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,   -- sha256 of the card link's token
            design TEXT NOT NULL,
            message TEXT NOT NULL,
            sender_name TEXT NOT NULL,         -- empty: "een collega"
            recipient_name TEXT NOT NULL,
            recipient_hash TEXT NOT NULL,      -- HMAC-SHA256 of the normalised address
            language TEXT NOT NULL,
            outbox_id INTEGER,
            created_at TEXT NOT NULL,          -- UTC ISO
            day TEXT NOT NULL                  -- Belgian day, YYYY-MM-DD (the daily cap)
        )
        """
    )
    db.execute("CREATE INDEX cards_recipient ON cards (recipient_hash, created_at)")
    db.execute("CREATE INDEX cards_day ON cards (day)")
    db.execute("CREATE INDEX cards_created ON cards (created_at)")
    db.execute("CREATE TABLE card_blocks (recipient_hash TEXT PRIMARY KEY, blocked_at TEXT NOT NULL) WITHOUT ROWID")
    # The public counter outlives the cards themselves.
    db.execute("CREATE TABLE card_tallies (month TEXT PRIMARY KEY, count INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID")
