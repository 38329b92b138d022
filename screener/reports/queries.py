"""All SQL of the reports feature: recording page views and reading the figures."""
import secrets

CASE_COLUMNS = (
    "id, parent_case_id, provider_id, step, status, outcome, created_at, due_at, "
    "first_contact_at, closed_at, province"
)


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


# --- annotations ----------------------------------------------------------------------------

def annotations(db, day_from, day_to):
    """Annotations in a range of days, oldest first."""
    rows = db.execute(
        "SELECT id, day, label FROM annotations WHERE day BETWEEN ? AND ? ORDER BY day, id", [day_from, day_to]
    ).fetchall()
    return [{"id": r[0], "day": r[1], "label": r[2]} for r in rows]


def add_annotation(db, day, label, at, user_id):
    """Store an annotation; returns its id."""
    cursor = db.execute(
        "INSERT INTO annotations (day, label, created_at, created_by) VALUES (?, ?, ?, ?)", [day, label, at, user_id]
    )
    return cursor.lastrowid


def delete_annotation(db, annotation_id):
    """Delete an annotation; returns the number of rows removed (0 or 1)."""
    return db.execute("DELETE FROM annotations WHERE id = ?", [annotation_id]).rowcount


# --- site -----------------------------------------------------------------------------------

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
    """The earliest day anything was recorded (page view or screening), or None."""
    row = db.execute(
        "SELECT MIN(d) FROM (SELECT MIN(day) AS d FROM page_views UNION ALL SELECT MIN(day) FROM screenings)"
    ).fetchone()
    return row[0]


# --- screenings -----------------------------------------------------------------------------

def screenings_per_day(db, day_from, day_to):
    """[(Belgian day 'YYYY-MM-DD', status, band, count)] of screenings started in the range of days."""
    return db.execute(
        """SELECT day, status, band, COUNT(*) FROM screenings
           WHERE day BETWEEN ? AND ? GROUP BY 1, 2, 3""",
        [day_from, day_to],
    ).fetchall()


def completed_by_band(db, day_from, day_to):
    """{band: count} of completed screenings started in the range of days."""
    return dict(db.execute(
        "SELECT band, COUNT(*) FROM screenings WHERE status = 'completed' AND day BETWEEN ? AND ? GROUP BY 1",
        [day_from, day_to]).fetchall())


def tally(db, table, dimension, day_from, day_to):
    """{value: count} of a per-day tally (completed screenings' profile, or requests) over the range of days;
    an unanswered value ('') comes back as None."""
    assert table in ("screening_tallies", "request_tallies")  # a fixed list: never user input
    rows = db.execute(
        f"SELECT value, SUM(count) FROM {table} WHERE dimension = ? AND day BETWEEN ? AND ? GROUP BY 1",
        [dimension, day_from, day_to]).fetchall()
    return {(value or None): count for value, count in rows}


def stopped_at(db, day_from, day_to, stale_before):
    """{item id: count} where screenings stopped: abandoned, or in progress without a move since `stale_before`."""
    rows = db.execute(
        """SELECT current_item, COUNT(*) FROM screenings
           WHERE day BETWEEN ? AND ?
             AND (status = 'abandoned' OR (status = 'in_progress' AND moved_at < ?))
           GROUP BY 1""",
        [day_from, day_to, stale_before],
    ).fetchall()
    return dict(rows)


# --- cases ----------------------------------------------------------------------------------

def _case_dicts(cursor):
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def cases_since(db, utc_from):
    """Every case created on or after `utc_from` (requests and the referrals that followed)."""
    return _case_dicts(db.execute(f"SELECT {CASE_COLUMNS} FROM cases WHERE created_at >= ? ORDER BY id", [utc_from]))


def open_cases(db):
    """Every case that is not closed, whenever it was created."""
    return _case_dicts(db.execute(f"SELECT {CASE_COLUMNS} FROM cases WHERE status <> 'closed' ORDER BY id"))


# --- first helper ---------------------------------------------------------------------------

def firsthelper_totals(db, day_from, day_to):
    """[(node id, kind, count)]; nothing when the first-helper counts table does not exist yet."""
    if not db["firsthelper_counts"].exists():
        return []
    return db.execute(
        """SELECT node_id, kind, SUM(count) FROM firsthelper_counts
           WHERE day BETWEEN ? AND ? GROUP BY node_id, kind""",
        [day_from, day_to],
    ).fetchall()
