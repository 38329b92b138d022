"""All SQL of the screening feature."""
import json

from ..db import immediate

_COLUMNS = ("id, started_at, updated_at, completed_at, status, language, current_item, answers,"
            " phq_anxiety, phq_depression, phq4, who5, band, crisis, gender, sector, province")


def _as_dict(row):
    """A screening row as a dict with the answers parsed."""
    if row is None:
        return None
    screening = dict(row)
    screening["answers"] = json.loads(screening.get("answers") or "{}")
    return screening


def current_screening(db, screening_id):
    """The screening with this id (any status) as a dict with parsed answers, or None."""
    if not screening_id or not isinstance(screening_id, str):
        return None
    rows = list(db.query(f"SELECT {_COLUMNS} FROM screenings WHERE id = :id", {"id": screening_id}))
    return _as_dict(rows[0]) if rows else None


def start_screening(db, screening_id, language, first_item, at, previous_id=None):
    """Create a new run; the browser's previous unfinished run (if any) becomes abandoned."""
    with immediate(db):
        if previous_id:
            db.execute("UPDATE screenings SET status = 'abandoned', updated_at = :at"
                       " WHERE id = :id AND status = 'in_progress'", {"id": previous_id, "at": at})
        db.execute("INSERT INTO screenings (id, started_at, updated_at, status, language, current_item, answers, crisis)"
                   " VALUES (:id, :at, :at, 'in_progress', :language, :item, '{}', 0)",
                   {"id": screening_id, "at": at, "language": language, "item": first_item})


def record_answers(db, screening_id, new_answers, next_item, at, crisis=None):
    """Merge `new_answers` into a run that is still in progress: the run as stored now, or None when
    it is no longer in progress.

    Reading and writing happen in one immediate transaction, so a replayed or parallel POST
    can never complete a run twice or overwrite a finished one.
    """
    with immediate(db):
        rows = list(db.query(f"SELECT {_COLUMNS} FROM screenings WHERE id = :id", {"id": screening_id}))
        if not rows or rows[0]["status"] != "in_progress":
            return None
        answers = json.loads(rows[0]["answers"] or "{}")
        answers.update(new_answers)
        params = {"id": screening_id, "answers": json.dumps(answers, sort_keys=True), "item": next_item, "at": at}
        crisis_sql = ""
        if crisis is not None:
            crisis_sql = ", crisis = :crisis"
            params["crisis"] = 1 if crisis else 0
        db.execute(f"UPDATE screenings SET answers = :answers, current_item = :item, updated_at = :at{crisis_sql}"
                   " WHERE id = :id", params)
    stored = rows[0]
    stored.update(answers=answers, current_item=next_item, updated_at=at)
    if crisis is not None:
        stored["crisis"] = params["crisis"]
    return stored


def show_item(db, screening_id, item_id, at):
    """Remember which item the browser shows now (where an abandoned run stopped)."""
    with immediate(db):
        db.execute("UPDATE screenings SET current_item = :item, updated_at = :at"
                   " WHERE id = :id AND status = 'in_progress'", {"id": screening_id, "item": item_id, "at": at})


def complete_screening(db, screening_id, profile, result, at):
    """Store the optional profile and the scores, and mark the run completed; False if it was not in progress."""
    with immediate(db):
        rows = list(db.query("SELECT status FROM screenings WHERE id = :id", {"id": screening_id}))
        if not rows or rows[0]["status"] != "in_progress":
            return False
        db.execute(
            "UPDATE screenings SET status = 'completed', completed_at = :at, updated_at = :at,"
            " current_item = 'result', phq_anxiety = :phq_anxiety, phq_depression = :phq_depression,"
            " phq4 = :phq4, who5 = :who5, band = :band, crisis = :crisis,"
            " gender = :gender, sector = :sector, province = :province WHERE id = :id",
            {"id": screening_id, "at": at, "phq_anxiety": result["phq_anxiety"],
             "phq_depression": result["phq_depression"], "phq4": result["phq4"], "who5": result["who5"],
             "band": result["band"], "crisis": 1 if result["crisis"] else 0,
             "gender": profile.get("gender"), "sector": profile.get("sector"), "province": profile.get("province")},
        )
    return True


def abandon_screening(db, screening_id, at):
    """Mark one unfinished run abandoned (start over)."""
    with immediate(db):
        db.execute("UPDATE screenings SET status = 'abandoned', updated_at = :at"
                   " WHERE id = :id AND status = 'in_progress'", {"id": screening_id, "at": at})


def abandon_stale(db, cutoff):
    """Mark runs in progress untouched since before `cutoff` (ISO text) abandoned; return how many."""
    with immediate(db):
        cursor = db.execute("UPDATE screenings SET status = 'abandoned'"
                            " WHERE status = 'in_progress' AND updated_at < :cutoff", {"cutoff": cutoff})
        return cursor.rowcount


def has_screenings(db):
    """True when any screening is stored."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM screenings)").fetchone()[0] == 1


def insert_history(db, rows):
    """Bulk-insert demo screenings (tuples in the order of the screenings' columns), in the caller's transaction."""
    db.conn.executemany(f"INSERT INTO screenings ({_COLUMNS}) VALUES ({', '.join('?' * len(_COLUMNS.split(',')))})",
                        rows)


def completed_screenings(db):
    """Every completed screening with its band and profile, oldest first (the demo builds requests on them)."""
    return list(db.query("SELECT id, completed_at, band, crisis, gender, sector, province, language FROM screenings"
                         " WHERE status = 'completed' ORDER BY completed_at, id"))
