"""Schema of the webinars: sessions, live questions, votes and viewers (no names of viewers, no addresses)."""
from sqlite_utils import Migrations

migrations = Migrations("webinars")


@migrations()
def create_webinar_tables(db):
    db.execute(
        """
        CREATE TABLE webinar_sessions (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            speaker TEXT NOT NULL,
            starts_at TEXT NOT NULL,        -- UTC ISO; shown in Belgian time
            minutes INTEGER NOT NULL,
            description TEXT NOT NULL DEFAULT '',
            stream_url TEXT,                -- https only, opened after a click
            recording_url TEXT,             -- https only, added afterwards
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE webinar_questions (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES webinar_sessions (id),
            asked_at TEXT NOT NULL,
            name TEXT,                      -- an optional first name; anonymous by default
            text TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'approved', 'hidden')),
            flagged INTEGER NOT NULL DEFAULT 0,   -- mentions suicide or self-harm: held for the moderator
            starred INTEGER NOT NULL DEFAULT 0,
            answered INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX webinar_questions_session ON webinar_questions (session_id, status)")
    # The day's rotating visitor hash (screener.visits.rules.visitor_hash, its own section): one vote per
    # question and one viewer per session per browser and day; meaningless once the day's secret is gone.
    db.execute(
        """
        CREATE TABLE webinar_votes (
            question_id INTEGER NOT NULL REFERENCES webinar_questions (id),
            visitor TEXT NOT NULL,
            PRIMARY KEY (question_id, visitor)
        ) WITHOUT ROWID
        """
    )
    db.execute(
        """
        CREATE TABLE webinar_viewers (
            session_id INTEGER NOT NULL REFERENCES webinar_sessions (id),
            visitor TEXT NOT NULL,
            PRIMARY KEY (session_id, visitor)
        ) WITHOUT ROWID
        """
    )
