"""All SQL of the webinars feature (the only writer of its tables). Callers hold the write transaction (db.immediate)."""
from .. import clock

SESSION_FIELDS = ("title", "speaker", "starts_at", "minutes", "description", "stream_url", "recording_url")


def _session(row):
    if row is None:
        return None
    session = dict(row)
    session["starts"] = clock.parse(session["starts_at"])
    return session


def all_sessions(db):
    """Every session, soonest first, with its start as an aware datetime under 'starts'."""
    return [_session(r) for r in db.query("SELECT * FROM webinar_sessions ORDER BY starts_at, id")]


def get_session(db, session_id):
    """One session or None."""
    return _session(next(db.query("SELECT * FROM webinar_sessions WHERE id = ?", [session_id]), None))


def add_session(db, values, now):
    """Store a new session; returns its id."""
    at = clock.iso(now)
    row = {k: values.get(k) for k in SESSION_FIELDS}
    cursor = db.execute(
        f"INSERT INTO webinar_sessions ({', '.join(SESSION_FIELDS)}, created_at, updated_at) "
        f"VALUES ({', '.join('?' * len(SESSION_FIELDS))}, ?, ?)", [row[k] for k in SESSION_FIELDS] + [at, at])
    return cursor.lastrowid


def update_session(db, session_id, values, now):
    """Change a session's fields."""
    db.execute(
        f"UPDATE webinar_sessions SET {', '.join(f'{k} = ?' for k in SESSION_FIELDS)}, updated_at = ? WHERE id = ?",
        [values.get(k) for k in SESSION_FIELDS] + [clock.iso(now), session_id])


def add_question(db, session_id, text, name, flagged, now):
    """Store a new question (status 'new'); returns its id."""
    cursor = db.execute(
        "INSERT INTO webinar_questions (session_id, asked_at, name, text, flagged) VALUES (?, ?, ?, ?, ?)",
        [session_id, clock.iso(now), name or None, text, 1 if flagged else 0])
    return cursor.lastrowid


def questions(db, session_id):
    """Every question of a session with its number of votes."""
    return [dict(r) for r in db.query(
        "SELECT q.*, (SELECT count(*) FROM webinar_votes v WHERE v.question_id = q.id) AS votes "
        "FROM webinar_questions q WHERE q.session_id = ?", [session_id])]


def get_question(db, question_id):
    """One question or None."""
    return next(db.query("SELECT * FROM webinar_questions WHERE id = ?", [question_id]), None)


def change_question(db, question_id, changes):
    """Write a moderator's change (fields from rules.next_state)."""
    allowed = {k: v for k, v in changes.items() if k in ("status", "starred", "answered")}
    db.execute(f"UPDATE webinar_questions SET {', '.join(f'{k} = ?' for k in allowed)} WHERE id = ?",
               [*allowed.values(), question_id])


def add_vote(db, question_id, visitor):
    """One vote per question and visitor; True when it counted, False for a second one."""
    return db.execute("INSERT OR IGNORE INTO webinar_votes (question_id, visitor) VALUES (?, ?)",
                      [question_id, visitor]).rowcount == 1


def add_viewer(db, session_id, visitor):
    """Count a visitor once per session."""
    db.execute("INSERT OR IGNORE INTO webinar_viewers (session_id, visitor) VALUES (?, ?)", [session_id, visitor])


def counts(db, session_id=None):
    """{session id: {'viewers', 'asked', 'answered'}} for every session, or for one (the polled moderation list)."""
    rows = db.query(
        "SELECT s.id, (SELECT count(*) FROM webinar_viewers w WHERE w.session_id = s.id) AS viewers, "
        "(SELECT count(*) FROM webinar_questions q WHERE q.session_id = s.id) AS asked, "
        "(SELECT count(*) FROM webinar_questions q WHERE q.session_id = s.id AND q.answered) AS answered "
        "FROM webinar_sessions s" + (" WHERE s.id = :id" if session_id is not None else ""), {"id": session_id})
    return {r["id"]: {"viewers": r["viewers"], "asked": r["asked"], "answered": r["answered"]} for r in rows}


def has_sessions(db):
    """True when a session exists (flask demo --if-empty)."""
    return db.execute("SELECT 1 FROM webinar_sessions LIMIT 1").fetchone() is not None


def erase_old_questions(db, asked_before):
    """Erase the words and names of questions asked before `asked_before` (ISO); the counts per session stay."""
    return db.execute("UPDATE webinar_questions SET text = '', name = NULL WHERE asked_at < ? AND (text <> '' OR name IS NOT NULL)",
                      [asked_before]).rowcount
