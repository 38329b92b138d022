"""Schema of visit counting: page views, visits and the day's secret.

Until visit counting had its own package, the reports set's first step created these tables, so
databases made then have them already: this set's steps therefore create only what is missing.
"""
from sqlite_utils import Migrations

migrations = Migrations("visits")


@migrations()
def create_visit_tables(db):
    # One row per page view. `visitor` is a hash of today's secret with the client address and
    # agent: it links the views of one day only, and cannot be reversed once the secret is gone.
    # `page` is the route pattern (e.g. /zaak/<token>), never the real path: no tokens stored.
    db["page_views"].create(
        {"id": int, "day": str, "at": str, "page": str, "visitor": str, "visit_id": int},
        pk="id",
        not_null={"day", "at", "page", "visitor"},
        if_not_exists=True,
    )
    db["page_views"].create_index(["day"], if_not_exists=True)
    # A visit: one visitor's page views on one day with less than 30 minutes between them.
    # `returning_visitor` is 1 when the visitor's first-visit cookie holds an earlier date.
    db["visits"].create(
        {"id": int, "day": str, "visitor": str, "first_at": str, "last_at": str, "views": int, "returning_visitor": int},
        pk="id",
        not_null={"day", "visitor", "first_at", "last_at"},
        defaults={"views": 1, "returning_visitor": 0},
        if_not_exists=True,
    )
    db["visits"].create_index(["day", "visitor"], if_not_exists=True)
    # The secret of the current day only; older ones are deleted when a new day starts.
    db["visit_secrets"].create({"day": str, "secret": str}, pk="day", if_not_exists=True)
    # The dashboard reads a year of rows per request: covering indexes let SQLite answer from the
    # index alone (measured with bench/dashboard.py: the figures of a year took about a third of the time).
    db.execute("CREATE INDEX IF NOT EXISTS reports_page_views_day_page_visit ON page_views (day, page, visit_id)")
    db.execute("CREATE INDEX IF NOT EXISTS reports_visits_day_cover"
               " ON visits (day, visitor, returning_visitor, views, first_at, last_at)")


@migrations()
def create_day_totals(db):
    # Totals of each settled Belgian day, kept by the worker's nightly rollup (screener/reports/rollups.py),
    # so a report over years reads one row per day instead of every visit and page view. A day's
    # visitors can be summed over days: the visitor hash changes every day.
    db["visit_day_totals"].create(
        {"day": str, "visitors": int, "visits": int, "returning_visits": int, "page_views": int, "seconds": int},
        pk="day", if_not_exists=True,
    )
    # Per page and day: its views and the visits that opened it (a visit lies within one day, so these add up too).
    db.execute("CREATE TABLE IF NOT EXISTS page_day_totals (day TEXT NOT NULL, page TEXT NOT NULL,"
               " views INTEGER NOT NULL, visits INTEGER NOT NULL, PRIMARY KEY (day, page)) WITHOUT ROWID")
