"""All SQL of the first-helper feature."""


def add_one(db, day, node_id, kind):
    """Count one visit or play; a single upsert, so concurrent requests never lose a count."""
    with db.conn:  # commits on success
        db.execute(
            "INSERT INTO firsthelper_counts (day, node_id, kind, count) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (day, node_id, kind) DO UPDATE SET count = count + 1",
            [day, node_id, kind],
        )


def add_many(db, rows):
    """Add (day, node_id, kind, count) rows to the counts (demo data)."""
    with db.conn:
        db.conn.executemany(
            "INSERT INTO firsthelper_counts (day, node_id, kind, count) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (day, node_id, kind) DO UPDATE SET count = count + excluded.count",
            rows,
        )


def counts(db):
    """Every count as {(day, node_id, kind): count}."""
    rows = db.execute("SELECT day, node_id, kind, count FROM firsthelper_counts")
    return {(day, node_id, kind): count for day, node_id, kind, count in rows}


def totals(db, day_from, day_to):
    """[(node id, kind, count)] over a range of days (the steering group's report)."""
    return db.execute(
        "SELECT node_id, kind, SUM(count) FROM firsthelper_counts WHERE day BETWEEN ? AND ? GROUP BY node_id, kind",
        [day_from, day_to],
    ).fetchall()
