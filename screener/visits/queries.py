"""All SQL of visit counting: recording page views and reading the figures other features show."""
import secrets

from .. import rollup


# --- recording ------------------------------------------------------------------------------

def day_secret(db, day):
    """Today's secret for visitor hashes; a new day deletes every older secret first."""
    row = db.execute("SELECT secret FROM visit_secrets WHERE day = ?", [day]).fetchone()
    if row:
        return row[0]
    forget_old_secrets(db, day)
    secret = secrets.token_hex(32)
    db.execute("INSERT INTO visit_secrets (day, secret) VALUES (?, ?)", [day, secret])
    return secret


def forget_old_secrets(db, day):
    """Delete every secret but the one of `day`; returns how many were deleted."""
    return db.execute("DELETE FROM visit_secrets WHERE day <> ?", [day]).rowcount


def last_visit(db, day, visitor):
    """(id, last_at) of the visitor's latest visit of the day, or None."""
    return db.execute(
        "SELECT id, last_at FROM visits WHERE day = ? AND visitor = ? ORDER BY id DESC LIMIT 1", [day, visitor]
    ).fetchone()


def extend_visit(db, visit_id, at):
    """Count one more page view in a visit."""
    db.execute("UPDATE visits SET last_at = ?, views = views + 1 WHERE id = ?", [at, visit_id])


def start_visit(db, day, visitor, at, returning):
    """A new visit; returns its id."""
    cursor = db.execute(
        "INSERT INTO visits (day, visitor, first_at, last_at, views, returning_visitor) VALUES (?, ?, ?, ?, 1, ?)",
        [day, visitor, at, at, int(returning)],
    )
    return cursor.lastrowid


def add_page_view(db, day, at, page, visitor, visit_id):
    """One page view."""
    db.execute(
        "INSERT INTO page_views (day, at, page, visitor, visit_id) VALUES (?, ?, ?, ?, ?)",
        [day, at, page, visitor, visit_id],
    )


# --- figures --------------------------------------------------------------------------------

_DAY_FIGURES = """SELECT day, COUNT(DISTINCT visitor), COUNT(*), SUM(returning_visitor), SUM(views),
                  SUM(CAST(ROUND((julianday(last_at) - julianday(first_at)) * 86400) AS INTEGER))
           FROM visits WHERE day BETWEEN ? AND ? GROUP BY day"""


def _rolled_days(db, day_from, day_to):
    return [r[0] for r in db.execute("SELECT day FROM visit_day_totals WHERE day BETWEEN ? AND ?", [day_from, day_to])]


def _raw_spans(db, day_from, day_to):
    return rollup.raw_spans(day_from, day_to, _rolled_days(db, day_from, day_to))


def visits_per_day(db, day_from, day_to):
    """{day: (visitors, visits, returning visits, page views, total seconds of visits)}."""
    rows = db.execute("SELECT day, visitors, visits, returning_visits, page_views, seconds FROM visit_day_totals"
                      " WHERE day BETWEEN ? AND ?", [day_from, day_to]).fetchall()
    for first, last in _raw_spans(db, day_from, day_to):
        rows += db.execute(_DAY_FIGURES, [first, last]).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def _page_figures(db, day_from, day_to, page=None):
    """{page: [views, visits]} over the range: the day totals, and the raw page views of days not rolled up."""
    where = "day BETWEEN ? AND ?" + (" AND page = ?" if page else "")
    extra = [page] if page else []
    found = {}
    for name, views, visits in db.execute(f"SELECT page, SUM(views), SUM(visits) FROM page_day_totals WHERE {where}"
                                          " GROUP BY page", [day_from, day_to, *extra]):
        found[name] = [views, visits]
    for first, last in _raw_spans(db, day_from, day_to):
        # Visits per page and day, summed: a visit lies within one day.
        for name, views, visits in db.execute(
                f"""SELECT page, SUM(views), SUM(visits) FROM (
                      SELECT page, COUNT(*) AS views, COUNT(DISTINCT visit_id) AS visits FROM page_views
                      WHERE {where} GROUP BY day, page) GROUP BY page""", [first, last, *extra]):
            figures = found.setdefault(name, [0, 0])
            figures[0] += views
            figures[1] += visits
    return found


def top_pages(db, day_from, day_to, limit=10):
    """[(page, views, visits)] of the most viewed pages."""
    ranked = sorted(_page_figures(db, day_from, day_to).items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [(page, views, visits) for page, (views, visits) in ranked[:limit]]


def page_visits(db, page, day_from, day_to):
    """How many visits opened `page` at least once."""
    return _page_figures(db, day_from, day_to, page).get(page, [0, 0])[1]


def roll_up(db, before_day):
    """Keep the totals of every day before `before_day` (ISO) that has none yet; returns how many days.

    Page views are written on their own day only, so a past day's totals never change."""
    days = [r[0] for r in db.execute(
        "SELECT DISTINCT day FROM visits WHERE day < ? AND day NOT IN (SELECT day FROM visit_day_totals)"
        " ORDER BY day", [before_day])]
    for day in days:
        db.execute(f"INSERT INTO visit_day_totals (day, visitors, visits, returning_visits, page_views, seconds)"
                   f" {_DAY_FIGURES}", [day, day])
        db.execute("INSERT INTO page_day_totals (day, page, views, visits) SELECT day, page, COUNT(*),"
                   " COUNT(DISTINCT visit_id) FROM page_views WHERE day = ? GROUP BY page", [day])
    return len(days)


def first_day(db):
    """The earliest day a page view was recorded, or None."""
    return db.execute("SELECT MIN(day) FROM page_views").fetchone()[0]


def insert_history(db, visits, page_views):
    """Bulk-insert demo visits (id, day, visitor, first_at, last_at, views, returning_visitor) and their
    page views (day, at, page, visitor, visit_id), inside the caller's transaction."""
    db.conn.executemany("INSERT INTO visits (id, day, visitor, first_at, last_at, views, returning_visitor)"
                        " VALUES (?,?,?,?,?,?,?)", visits)
    db.conn.executemany("INSERT INTO page_views (day, at, page, visitor, visit_id) VALUES (?,?,?,?,?)", page_views)


def next_visit_id(db):
    """The id after the highest visit id (demo rows carry their own ids)."""
    return db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM visits").fetchone()[0]


def page_view_count(db):
    """How many page views are stored."""
    return db.execute("SELECT COUNT(*) FROM page_views").fetchone()[0]
