"""Schema of campaign codes: the codes, today's arrivals per visitor pseudonym, and per-day tallies."""
from sqlite_utils import Migrations

migrations = Migrations("campaigns")


@migrations()
def create_campaign_tables(db):
    # A campaign code (a poster, an organisation, a newsletter, a webinar): not personal data.
    db.execute("CREATE TABLE campaigns (code TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL,"
               " label TEXT NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID")
    # Which code brought a visitor today: `visitor` is a one-day pseudonym made with the visits'
    # secret of the day (its own section, so it cannot be joined with page_views). Rows of older
    # days are deleted as soon as a new day starts; no time finer than the day, no insertion order.
    db.execute("CREATE TABLE campaign_arrivals (day TEXT NOT NULL, visitor TEXT NOT NULL, code TEXT NOT NULL,"
               " PRIMARY KEY (day, visitor)) WITHOUT ROWID")
    # Counts per Belgian day, code and metric (visit, screening_started, screening_completed,
    # request): never a link to a screening, a request or a visitor.
    db.execute("CREATE TABLE campaign_tallies (day TEXT NOT NULL, code TEXT NOT NULL, metric TEXT NOT NULL,"
               " count INTEGER NOT NULL, PRIMARY KEY (day, code, metric)) WITHOUT ROWID")
    # "Heb je deze screener al eens ingevuld?": a count per Belgian day and answer, nothing else.
    db.execute("CREATE TABLE returning_tallies (day TEXT NOT NULL, answer TEXT NOT NULL,"
               " count INTEGER NOT NULL, PRIMARY KEY (day, answer)) WITHOUT ROWID")
