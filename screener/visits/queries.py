"""All SQL of visit counting: recording page views and reading the figures other features show."""
import secrets


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

def visits_per_day(db, day_from, day_to):
    """{day: (visitors, visits, returning visits, page views, total seconds of visits)}."""
    rows = db.execute(
        """SELECT day, COUNT(DISTINCT visitor), COUNT(*), SUM(returning_visitor), SUM(views),
                  SUM(CAST(ROUND((julianday(last_at) - julianday(first_at)) * 86400) AS INTEGER))
           FROM visits WHERE day BETWEEN ? AND ? GROUP BY day""",
        [day_from, day_to],
    ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def top_pages(db, day_from, day_to, limit=10):
    """[(page, views, visits)] of the most viewed pages."""
    return db.execute(
        """SELECT page, COUNT(*) AS views, COUNT(DISTINCT visit_id) FROM page_views
           WHERE day BETWEEN ? AND ? GROUP BY page ORDER BY views DESC, page LIMIT ?""",
        [day_from, day_to, limit],
    ).fetchall()


def page_visits(db, page, day_from, day_to):
    """How many visits opened `page` at least once."""
    return db.execute(
        "SELECT COUNT(DISTINCT visit_id) FROM page_views WHERE page = ? AND day BETWEEN ? AND ?",
        [page, day_from, day_to],
    ).fetchone()[0]


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
