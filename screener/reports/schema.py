"""Schema of the reports feature: campaign annotations (and a reading index on screenings)."""
from sqlite_utils import Migrations

migrations = Migrations("reports")


@migrations()
def create_visit_counting(db):
    # Keeps its first name (existing databases record it as applied); the visit tables it made
    # then belong to screener.visits now, whose own set creates them.
    # Coordinators' notes on dates (newsletter sent, webinar, interview), shown on time series.
    db["annotations"].create(
        {"id": int, "day": str, "label": str, "created_at": str, "created_by": int},
        pk="id",
        not_null={"day", "label", "created_at"},
    )
    db["annotations"].create_index(["day"])


@migrations()
def add_covering_indexes(db):
    # The dashboard reads a year of rows per request: covering indexes let SQLite answer from the
    # index alone (measured with bench/dashboard.py: the figures of a year took about a third of the time).
    # Those on the visit tables are made by screener.visits' own set.
    if "started_at" in db["screenings"].columns_dict:  # screenings have kept only their day since (own index)
        db.execute("CREATE INDEX IF NOT EXISTS reports_screenings_started_status_band"
                   " ON screenings (started_at, status, band)")
