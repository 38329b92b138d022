"""Schema of the materials feature: organisations that brand the posters, and download tallies."""
from sqlite_utils import Migrations

migrations = Migrations("materials")


@migrations()
def create_tables(db):
    # An organisation reaches its posters through a private link; only the link's hash is kept.
    # The logo is the re-encoded PNG (never the uploaded bytes); retention empties it after N days.
    db.execute(
        """
        CREATE TABLE material_organisations (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            code TEXT NOT NULL UNIQUE,      -- its campaign code, in the QR code of its posters
            token_hash TEXT NOT NULL UNIQUE,
            logo BLOB,                      -- PNG made by the site; NULL once deleted
            created_at TEXT NOT NULL,
            logo_deleted_at TEXT
        )
        """
    )
    # Per day, poster, paper size and organisation ('' for the plain posters): counts only.
    db.execute(
        """
        CREATE TABLE material_downloads (
            day TEXT NOT NULL,              -- local date (Europe/Brussels), YYYY-MM-DD
            poster TEXT NOT NULL,
            paper TEXT NOT NULL CHECK (paper IN ('a4', 'a3')),
            organisation TEXT NOT NULL DEFAULT '',  -- the organisation's campaign code
            count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (day, poster, paper, organisation)
        )
        """
    )
