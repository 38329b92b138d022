"""All SQL of the screening feature."""
import json

from .. import rollup
from ..db import immediate

_COLUMNS = ("id, day, moved_at, status, current_item, answers,"
            " phq_anxiety, phq_depression, phq4, who5, band, crisis")
NOT_GIVEN = ""  # a tally's value for "not answered" (a key column cannot hold null)


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


def add_to_tally(db, day, values, count=1):
    """Count {dimension: value} once more on `day`, inside the caller's transaction; no link to any run."""
    for dimension, value in values.items():
        db.execute("INSERT INTO screening_tallies (day, dimension, value, count) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT (day, dimension, value) DO UPDATE SET count = count + excluded.count",
                   [day, dimension, value or NOT_GIVEN, count])


def start_screening(db, screening_id, language, first_item, day, at, previous_id=None):
    """Create a new run on `day`; the browser's previous unfinished run (if any) becomes abandoned."""
    with immediate(db):
        if previous_id:
            _abandon(db, previous_id)
        db.execute("INSERT INTO screenings (id, day, moved_at, status, current_item, answers, crisis)"
                   " VALUES (:id, :day, :at, 'in_progress', :item, '{}', 0)",
                   {"id": screening_id, "day": day, "at": at, "item": first_item})
        add_to_tally(db, day, {"language": language})


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
        db.execute(f"UPDATE screenings SET answers = :answers, current_item = :item, moved_at = :at{crisis_sql}"
                   " WHERE id = :id", params)
        _moved_after_rollup(db, screening_id)
    stored = rows[0]
    stored.update(answers=answers, current_item=next_item, moved_at=at)
    if crisis is not None:
        stored["crisis"] = params["crisis"]
    return stored


def show_item(db, screening_id, item_id, at):
    """Remember which item the browser shows now (where an abandoned run stopped)."""
    with immediate(db):
        if db.execute("UPDATE screenings SET current_item = :item, moved_at = :at"
                      " WHERE id = :id AND status = 'in_progress'",
                      {"id": screening_id, "item": item_id, "at": at}).rowcount:
            _moved_after_rollup(db, screening_id)


def complete_screening(db, screening_id, profile, result):
    """Store the scores and mark the run completed; False if it was not in progress.

    The optional profile is only counted for the run's day, apart from the run: on the run it
    would tie it to a request that names the same rare sector or gender.
    """
    with immediate(db):
        rows = list(db.query("SELECT status, day FROM screenings WHERE id = :id", {"id": screening_id}))
        if not rows or rows[0]["status"] != "in_progress":
            return False
        db.execute(
            "UPDATE screenings SET status = 'completed', moved_at = NULL,"
            " current_item = 'result', phq_anxiety = :phq_anxiety, phq_depression = :phq_depression,"
            " phq4 = :phq4, who5 = :who5, band = :band, crisis = :crisis WHERE id = :id",
            {"id": screening_id, "phq_anxiety": result["phq_anxiety"],
             "phq_depression": result["phq_depression"], "phq4": result["phq4"], "who5": result["who5"],
             "band": result["band"], "crisis": 1 if result["crisis"] else 0},
        )
        add_to_tally(db, rows[0]["day"], {field: profile.get(field) for field in ("gender", "sector", "province")})
        _moved_after_rollup(db, screening_id)
    return True


def _moved_after_rollup(db, screening_id):
    """A run that moves on a day already rolled up (a worker coming back days later): that day is read raw again
    until the next rollup, so the reports stay exact."""
    db.execute("DELETE FROM screening_day_totals WHERE day = (SELECT day FROM screenings WHERE id = ?)", [screening_id])


def _abandon(db, screening_id):
    db.execute("UPDATE screenings SET status = 'abandoned', moved_at = NULL"
               " WHERE id = :id AND status = 'in_progress'", {"id": screening_id})


def abandon_screening(db, screening_id):
    """Mark one unfinished run abandoned (start over)."""
    with immediate(db):
        _abandon(db, screening_id)


def abandon_stale(db, cutoff):
    """Mark runs in progress untouched since before `cutoff` (ISO text) abandoned; return how many."""
    with immediate(db):
        return db.execute("UPDATE screenings SET status = 'abandoned', moved_at = NULL"
                          " WHERE status = 'in_progress' AND moved_at < :cutoff", {"cutoff": cutoff}).rowcount


# --- one-tap questions on a result, counted per day, band and answer with no link to a screening ---
# "Wat houdt je tegen?" (barrier) and "Had je iets aan dit resultaat?" (feedback); a fixed list: never user input.
TAP_TABLES = {"barrier": "barrier_tallies", "feedback": "result_feedback_tallies"}


def add_tap(db, question, day, band, answer, count=1):
    """Count one answer to a result's tap `question` on `day` for a result band, in its own transaction."""
    with immediate(db):
        add_tap_tally(db, question, day, band, answer, count)


def add_tap_tally(db, question, day, band, answer, count=1):
    """Add `count` to a (day, band, answer) tally of `question` inside the caller's transaction."""
    db.execute(f"INSERT INTO {TAP_TABLES[question]} (day, band, answer, count) VALUES (?, ?, ?, ?)"
               " ON CONFLICT (day, band, answer) DO UPDATE SET count = count + excluded.count",
               [day, band, answer, count])


def tap_counts(db, question, day_from, day_to):
    """{(band, answer): count} of the answers to `question` over a range of Belgian days."""
    rows = db.execute(f"SELECT band, answer, SUM(count) FROM {TAP_TABLES[question]} WHERE day BETWEEN ? AND ?"
                      " GROUP BY 1, 2", [day_from, day_to]).fetchall()
    return {(band, answer): count for band, answer, count in rows}


def has_taps(db, question):
    """True when any answer to `question` is counted."""
    return db.execute(f"SELECT EXISTS (SELECT 1 FROM {TAP_TABLES[question]})").fetchone()[0] == 1


# --- figures per day for the reports: the day totals of settled days, the raw runs of the others ----

# `+status`: read by day (a few days at most), never by the status index over every run ever made.
_STOPPED = "(+status = 'abandoned' OR (+status = 'in_progress' AND moved_at < :stale))"


def _raw_spans(db, day_from, day_to):
    rolled = [r[0] for r in db.execute("SELECT DISTINCT day FROM screening_day_totals WHERE day BETWEEN ? AND ?",
                                       [day_from, day_to])]
    return rollup.raw_spans(day_from, day_to, rolled)


def _figures(db, day_from, day_to, totals_sql, raw_sql, stale=None):
    """Rows of `totals_sql` over the day totals plus rows of `raw_sql` over the runs of days not rolled up."""
    rows = db.execute(totals_sql, {"from": day_from, "to": day_to}).fetchall()
    for first, last in _raw_spans(db, day_from, day_to):
        rows += db.execute(raw_sql, {"from": first, "to": last, "stale": stale}).fetchall()
    return rows


def _summed(rows):
    """{key: count} from (key..., count) rows, keys of several sources added up."""
    found = {}
    for *key, count in rows:
        key = tuple(key) if len(key) > 1 else key[0]
        found[key] = found.get(key, 0) + count
    return found


def per_day(db, day_from, day_to):
    """[(Belgian day, 'completed' or another status, band, count)] of runs started in the range of days."""
    return _figures(db, day_from, day_to,
                    "SELECT day, status, band, SUM(count) FROM screening_day_totals"
                    " WHERE day BETWEEN :from AND :to GROUP BY 1, 2, 3",
                    "SELECT day, status, band, COUNT(*) FROM screenings WHERE day BETWEEN :from AND :to GROUP BY 1, 2, 3")


def completed_per_band(db, day_from, day_to):
    """{(band, crisis): count} of completed runs started in the range of days (scoring.result_band names them)."""
    return _summed(_figures(
        db, day_from, day_to,
        "SELECT band, crisis, SUM(count) FROM screening_day_totals"
        " WHERE status = 'completed' AND day BETWEEN :from AND :to GROUP BY 1, 2",
        "SELECT band, crisis, COUNT(*) FROM screenings WHERE +status = 'completed' AND day BETWEEN :from AND :to"
        " GROUP BY 1, 2"))


def stopped_at(db, day_from, day_to, stale_before):
    """{item id: count} where runs stopped: abandoned, or in progress without a move since `stale_before`."""
    return _summed(_figures(
        db, day_from, day_to,
        "SELECT stopped_at, SUM(count) FROM screening_day_totals"
        " WHERE status = 'stopped' AND day BETWEEN :from AND :to GROUP BY 1",
        f"SELECT current_item, COUNT(*) FROM screenings WHERE day BETWEEN :from AND :to AND {_STOPPED} GROUP BY 1",
        stale_before))


def roll_up(db, before_day, stale_before):
    """Keep the totals of every day before `before_day` that has none yet and no run still moving; returns how many days.

    A run in progress without a move since `stale_before` counts as stopped, as the reports count it."""
    days = [r[0] for r in db.execute(
        "SELECT DISTINCT day FROM screenings WHERE day < :before"
        " AND day NOT IN (SELECT day FROM screening_day_totals)"
        " AND day NOT IN (SELECT day FROM screenings WHERE status = 'in_progress' AND moved_at >= :stale"
        "                 AND day < :before)"
        " ORDER BY day", {"before": before_day, "stale": stale_before})]
    for day in days:
        db.execute("INSERT INTO screening_day_totals (day, status, band, crisis, stopped_at, count)"
                   " SELECT day, CASE status WHEN 'completed' THEN 'completed' ELSE 'stopped' END, band, crisis,"
                   " CASE status WHEN 'completed' THEN NULL ELSE current_item END, COUNT(*)"
                   " FROM screenings WHERE day = ? GROUP BY 1, 2, 3, 4, 5", [day])
    return len(days)


# --- retention (ops/privacy.py runs these in one transaction) ---------------------------------

# A screening keeps only its day (no time, no profile): the day decides what is old.
_ABANDONED = "status IN ('in_progress', 'abandoned') AND day < substr(:cutoff, 1, 10)"
_HAS_DETAILS = ("(answers != '{}' OR phq_anxiety IS NOT NULL OR phq_depression IS NOT NULL OR phq4 IS NOT NULL"
                " OR who5 IS NOT NULL OR crisis != 0)")


def abandoned_with_details(db, cutoff):
    """Abandoned (or never finished) screenings of days before `cutoff` that still hold details."""
    rows = db.execute(
        f"SELECT id, day, current_item, band, crisis"
        f" FROM screenings WHERE {_ABANDONED} AND {_HAS_DETAILS} ORDER BY id", {"cutoff": cutoff})
    columns = [c[0] for c in rows.description]
    return [dict(zip(columns, r)) for r in rows.fetchall()]


def strip_screenings(db, ids):
    """Keep each row (so counts per day, status and drop-out item stay), drop answers and scores."""
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        db.execute(
            "UPDATE screenings SET status = 'abandoned', moved_at = NULL, answers = '{}', phq_anxiety = NULL,"
            f" phq_depression = NULL, phq4 = NULL, who5 = NULL, crisis = 0 WHERE id IN ({marks})", chunk)


def mark_old_abandoned(db, cutoff):
    """Runs of days before `cutoff` still in progress will never be finished: call them abandoned."""
    return db.execute("UPDATE screenings SET status = 'abandoned', moved_at = NULL WHERE status = 'in_progress'"
                      " AND day < substr(?, 1, 10)", [cutoff]).rowcount


# --- demo data (flask demo) ---------------------------------------------------------------------

def has_screenings(db):
    """True when any screening is stored."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM screenings)").fetchone()[0] == 1


def insert_history(db, rows):
    """Bulk-insert demo screenings (tuples in the order of the screenings' columns), in the caller's transaction."""
    db.conn.executemany(f"INSERT INTO screenings ({_COLUMNS}) VALUES ({', '.join('?' * len(_COLUMNS.split(',')))})",
                        rows)


def completed_screenings(db):
    """Every completed screening's id, day and band, oldest day first (the demo builds requests on them)."""
    return list(db.query("SELECT id, day, band, crisis FROM screenings WHERE status = 'completed' ORDER BY day, id"))


def scores_of(db, screening_ids):
    """{id: {phq_anxiety, phq_depression, phq4, who5}} of the given screenings (a follow-up's baselines)."""
    ids, found = sorted(screening_ids), {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for row in db.query(f"SELECT id, phq_anxiety, phq_depression, phq4, who5 FROM screenings"
                            f" WHERE id IN ({', '.join('?' * len(chunk))})", chunk):
            found[row["id"]] = row
    return found
