"""All SQL of the reports feature: annotations and the figures it reads (visits come from screener.visits)."""

CASE_COLUMNS = (
    "id, parent_case_id, provider_id, step, status, outcome, created_at, due_at, "
    "first_contact_at, closed_at, province, conversations"
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


# --- screenings -----------------------------------------------------------------------------

def first_screening_day(db):
    """The Belgian day of the earliest screening, or None."""
    return db.execute("SELECT MIN(day) FROM screenings").fetchone()[0]


def tally(db, table, dimension, day_from, day_to):
    """{value: count} of a per-day tally (completed screenings' profile, or requests) over the range of days;
    an unanswered value ('') comes back as None."""
    assert table in ("screening_tallies", "request_tallies")  # a fixed list: never user input
    rows = db.execute(
        f"SELECT value, SUM(count) FROM {table} WHERE dimension = ? AND day BETWEEN ? AND ? GROUP BY 1",
        [dimension, day_from, day_to]).fetchall()
    return {(value or None): count for value, count in rows}


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
