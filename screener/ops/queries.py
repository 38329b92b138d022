"""Every SQL statement of the ops feature: the health check's probe and the anonymous aggregates.

Retention and erasure change other features' tables through their own functions (ops/privacy.py).
"""


def database_answers(db):
    """True when the schema can be read (the file is there and not corrupt at its root)."""
    return db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def add_aggregates(db, rows):
    """Add rows to screening_aggregates (counts without any row identity)."""
    for row in rows:
        db.execute(
            "INSERT INTO screening_aggregates (day, status, stopped_at_item, band, gender, sector, province,"
            " language, crisis, count) VALUES (:day, :status, :stopped_at_item, :band, :gender, :sector,"
            " :province, :language, :crisis, :count)", row)
