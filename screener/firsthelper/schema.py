"""Schema of the firsthelper feature: anonymous counts per day, nothing about the visitor."""
from sqlite_utils import Migrations

migrations = Migrations("firsthelper")


@migrations()
def create_counts(db):
    # One row per day, node and kind; the reports read exactly this table.
    db.execute(
        """
        CREATE TABLE firsthelper_counts (
            day TEXT NOT NULL,          -- local date (Europe/Brussels), YYYY-MM-DD
            node_id TEXT NOT NULL,      -- a node of the tree in screener/content/firsthelper.yml
            kind TEXT NOT NULL CHECK (kind IN ('visit', 'play')),
            count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, node_id, kind)
        )
        """
    )
