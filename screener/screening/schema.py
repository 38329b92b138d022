"""Schema of the anonymous screenings."""
from sqlite_utils import Migrations

migrations = Migrations("screening")


@migrations()
def create_screenings(db):
    # One anonymous run through the screener: no IP address, no user agent, no identity.
    db["screenings"].create(
        {
            "id": str,  # random, unguessable; linked to the browser only by the session cookie
            "started_at": str,  # ISO UTC
            "updated_at": str,
            "completed_at": str,  # null until the results were shown
            "status": str,  # in_progress | completed | abandoned
            "language": str,  # nl | en
            "current_item": str,  # the item shown last: where an abandoned run stopped
            "answers": str,  # JSON {item_id: value}
            "phq_anxiety": int,
            "phq_depression": int,
            "phq4": int,
            "who5": int,  # 0-100
            "band": str,  # green | orange | red
            "crisis": int,  # 1 when the safety item was answered above 0
            "gender": str,  # optional; null = not answered or "wens niet te antwoorden"
            "sector": str,
            "province": str,
        },
        pk="id",
        not_null={"started_at", "updated_at", "status", "language"},
        defaults={"status": "in_progress", "answers": "{}", "crisis": 0},
    )
    db["screenings"].create_index(["started_at"])
    db["screenings"].create_index(["status"])


# A screening must not be tied to a named request (only with the worker's consent): no time finer
# than the day, no insertion order (a plain table's hidden rowid grows with every insert), and the
# profile (gender, sector, province) and language only as counts per day, never on the run itself.
NEW_SCREENINGS = """CREATE TABLE screenings_anonymous (
    id TEXT PRIMARY KEY NOT NULL,  -- random, unguessable; the browser holds it encrypted in its session
    day TEXT NOT NULL,             -- the Belgian day the run started (YYYY-MM-DD), nothing finer
    moved_at TEXT,                 -- last move (ISO UTC) of a run in progress only: cleared when it ends
    status TEXT NOT NULL DEFAULT 'in_progress',  -- in_progress | completed | abandoned
    current_item TEXT,             -- the item shown last: where an abandoned run stopped
    answers TEXT NOT NULL DEFAULT '{}',
    phq_anxiety INTEGER, phq_depression INTEGER, phq4 INTEGER, who5 INTEGER,
    band TEXT, crisis INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID"""


@migrations()
def screenings_without_time_order_or_profile(db):
    from ..clock import local_day, parse
    from .queries import add_to_tally

    # Deleted rows are overwritten, so the old times and profiles do not linger in free pages.
    db.execute("PRAGMA secure_delete=ON")
    db.execute("CREATE TABLE screening_tallies (day TEXT NOT NULL, dimension TEXT NOT NULL,"
               " value TEXT NOT NULL, count INTEGER NOT NULL, PRIMARY KEY (day, dimension, value))"
               " WITHOUT ROWID")
    db.execute(NEW_SCREENINGS)
    old = db.execute("SELECT id, started_at, updated_at, status, language, current_item, answers,"
                     " phq_anxiety, phq_depression, phq4, who5, band, crisis, gender, sector, province"
                     " FROM screenings").fetchall()
    for (sid, started, updated, status, language, item, answers, anxiety, depression, phq4, who5, band,
         crisis, gender, sector, province) in old:
        day = local_day(parse(started)).isoformat()
        db.execute("INSERT INTO screenings_anonymous (id, day, moved_at, status, current_item, answers,"
                   " phq_anxiety, phq_depression, phq4, who5, band, crisis)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   [sid, day, updated if status == "in_progress" else None, status, item, answers or "{}",
                    anxiety, depression, phq4, who5, band, crisis or 0])
        add_to_tally(db, day, {"language": language})
        if status == "completed":
            add_to_tally(db, day, {"gender": gender, "sector": sector, "province": province})
    # Cases that shared their results point at their screening: set aside while the table is
    # replaced (dropping a referenced table fails inside the transaction), then put back.
    shared = []
    if db["cases"].exists():  # on a new database the requests' tables come later
        shared = db.execute("SELECT id, screening_id FROM cases WHERE screening_id IS NOT NULL").fetchall()
        db.execute("UPDATE cases SET screening_id = NULL WHERE screening_id IS NOT NULL")
    db.execute("DROP TABLE screenings")  # its indexes go with it
    db.execute("ALTER TABLE screenings_anonymous RENAME TO screenings")
    if shared:
        db.conn.executemany("UPDATE cases SET screening_id = ? WHERE id = ?", [(sid, cid) for cid, sid in shared])
    db.execute("CREATE INDEX screenings_day_status_band ON screenings (day, status, band)")
    db.execute("CREATE INDEX screenings_status_moved ON screenings (status, moved_at)")


@migrations()
def barrier_tallies(db):
    # "Wat houdt je tegen?": only a count per Belgian day, result band and answer, never a link to a
    # screening (no id, no time finer than the day, no insertion order).
    db.execute("CREATE TABLE barrier_tallies (day TEXT NOT NULL, band TEXT NOT NULL, answer TEXT NOT NULL,"
               " count INTEGER NOT NULL, PRIMARY KEY (day, band, answer)) WITHOUT ROWID")


@migrations()
def result_feedback_tallies(db):
    # "Had je iets aan dit resultaat?": like the barrier answers, only a count per Belgian day, result
    # band and answer, never a link to a screening (no id, no time finer than the day, no insertion order).
    db.execute("CREATE TABLE result_feedback_tallies (day TEXT NOT NULL, band TEXT NOT NULL, answer TEXT NOT NULL,"
               " count INTEGER NOT NULL, PRIMARY KEY (day, band, answer)) WITHOUT ROWID")


@migrations()
def create_screening_day_totals(db):
    # Totals of each settled day, kept by the worker's nightly rollup (screener/reports/rollups.py), so a
    # report over years reads a few rows per day instead of every screening. `status` is completed or
    # stopped (abandoned, or in progress without a move for a day); `stopped_at` is the item shown last
    # of a stopped run. A run that moves after its day was rolled up removes that day's totals.
    db["screening_day_totals"].create(
        {"day": str, "status": str, "band": str, "crisis": int, "stopped_at": str, "count": int},
        not_null={"day", "status", "count"}, if_not_exists=True,
    )
    db["screening_day_totals"].create_index(["day", "status", "band", "crisis", "stopped_at", "count"], if_not_exists=True)
