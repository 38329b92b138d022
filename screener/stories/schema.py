"""Schema of the self-care stories: the stories, their "dit hielp mij ook" marks and read counts."""
from sqlite_utils import Migrations

migrations = Migrations("stories")


@migrations()
def create_stories(db):
    # One row per submitted story. A withdrawn story keeps only its dates and status (for the counts);
    # the author's address is kept encrypted only until the story is published, rejected or withdrawn.
    db.execute(
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            author_name TEXT,                 -- first name; NULL = anonymous
            sector TEXT,                      -- a sector key of the screener content, or NULL
            language TEXT NOT NULL DEFAULT 'nl',  -- the author's, for the publication mail
            status TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'published', 'rejected', 'withdrawn')),
            flagged INTEGER NOT NULL DEFAULT 0,   -- mentions self-harm or suicide: a human check first
            edited INTEGER NOT NULL DEFAULT 0,    -- a coordinator edited it for anonymity
            reject_reason TEXT,
            submitted_at TEXT NOT NULL,
            submitted_day TEXT NOT NULL,      -- local (Brussels) date, for the monthly counts
            published_at TEXT,
            published_day TEXT,
            rejected_day TEXT,
            withdrawn_at TEXT,
            withdraw_hash TEXT NOT NULL UNIQUE,   -- hash of the author's private withdraw link
            email_encrypted TEXT,             -- only to tell the author it is published
            email_confirm_hash TEXT UNIQUE,   -- hash of the single-use confirmation link
            email_confirmed INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX stories_status ON stories (status, published_at)")
    # "Dit hielp mij ook": one mark per story, day and daily visitor hash (no cookie, no address).
    db.execute(
        """
        CREATE TABLE story_helped (
            story_id INTEGER NOT NULL REFERENCES stories(id),
            day TEXT NOT NULL,
            visitor TEXT NOT NULL,
            PRIMARY KEY (story_id, day, visitor)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE story_reads (
            story_id INTEGER NOT NULL REFERENCES stories(id),
            day TEXT NOT NULL,
            count INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (story_id, day)
        )
        """
    )
