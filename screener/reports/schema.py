"""Schema of the reports feature: cookieless visit counting and campaign annotations."""
from sqlite_utils import Migrations

migrations = Migrations("reports")


@migrations()
def create_visit_counting(db):
    # One row per page view. `visitor` is a hash of today's secret with the client address and
    # agent: it links the views of one day only, and cannot be reversed once the secret is gone.
    # (Since then the hash also differs per section, see visits.section_of.)
    # `page` is the route pattern (e.g. /zaak/<token>), never the real path: no tokens stored.
    db["page_views"].create(
        {"id": int, "day": str, "at": str, "page": str, "visitor": str, "visit_id": int},
        pk="id",
        not_null={"day", "at", "page", "visitor"},
    )
    db["page_views"].create_index(["day"])
    # A visit: one visitor's page views on one day with less than 30 minutes between them.
    # `returning_visitor` is 1 when the visitor's first-visit cookie holds an earlier date.
    db["visits"].create(
        {"id": int, "day": str, "visitor": str, "first_at": str, "last_at": str, "views": int, "returning_visitor": int},
        pk="id",
        not_null={"day", "visitor", "first_at", "last_at"},
        defaults={"views": 1, "returning_visitor": 0},
    )
    db["visits"].create_index(["day", "visitor"])
    # The secret of the current day only; older ones are deleted when a new day starts.
    db["visit_secrets"].create({"day": str, "secret": str}, pk="day")
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
    db.execute("CREATE INDEX IF NOT EXISTS reports_page_views_day_page_visit ON page_views (day, page, visit_id)")
    db.execute("CREATE INDEX IF NOT EXISTS reports_visits_day_cover"
               " ON visits (day, visitor, returning_visitor, views, first_at, last_at)")
    if "started_at" in db["screenings"].columns_dict:  # screenings have kept only their day since (own index)
        db.execute("CREATE INDEX IF NOT EXISTS reports_screenings_started_status_band"
                   " ON screenings (started_at, status, band)")
