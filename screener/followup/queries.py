"""All SQL on followup_checkins and followup_links: the only module that writes them."""


def kinds_of_case(db, case_id):
    """The kinds of check-in a case has already (sent or cancelled)."""
    return {row[0] for row in db.execute("SELECT kind FROM followup_checkins WHERE case_id = ?", [case_id])}


def recovered_at(db, case_id, kind):
    """True when the case's check-in of this kind was answered and showed recovery."""
    return db.execute("SELECT 1 FROM followup_checkins WHERE case_id = ? AND kind = ? AND recovered = 1",
                      [case_id, kind]).fetchone() is not None


def insert_checkin(db, *, case_id, kind, due_at, sent_at, expires_at):
    """A new, sent check-in; None when another worker made this one first."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO followup_checkins (case_id, kind, due_at, sent_at, expires_at, reminders_sent)"
        " VALUES (?, ?, ?, ?, ?, 0)", [case_id, kind, due_at, sent_at, expires_at])
    return cursor.lastrowid if cursor.rowcount == 1 else None


def add_link(db, checkin_id, token_hash, at):
    """Store the hash of one e-mailed link to a check-in."""
    db.execute("INSERT INTO followup_links (token_hash, checkin_id, created_at) VALUES (?, ?, ?)",
               [token_hash, checkin_id, at])


def open_checkins(db, now_iso):
    """Check-ins sent, not answered, not cancelled and not expired, with their case id."""
    return list(db.query(
        "SELECT * FROM followup_checkins WHERE sent_at IS NOT NULL AND answered_at IS NULL"
        " AND cancelled_at IS NULL AND expires_at > ?", [now_iso]))


def mark_reminded(db, checkin_id, reminders_before, at):
    """Count one more reminder, only if nobody counted it first; True when this call did."""
    return db.execute(
        "UPDATE followup_checkins SET reminders_sent = reminders_sent + 1, last_reminder_at = ?"
        " WHERE id = ? AND reminders_sent = ? AND answered_at IS NULL AND cancelled_at IS NULL",
        [at, checkin_id, reminders_before]).rowcount == 1


def checkin_by_link(db, token_hash):
    """The check-in behind a link's hash, or None."""
    rows = list(db.query(
        "SELECT c.* FROM followup_links l JOIN followup_checkins c ON c.id = l.checkin_id WHERE l.token_hash = ?",
        [token_hash]))
    return rows[0] if rows else None


def cancel_open(db, case_id, at):
    """Cancel a case's check-ins that are not answered; returns how many."""
    return db.execute("UPDATE followup_checkins SET cancelled_at = ? WHERE case_id = ? AND answered_at IS NULL"
                      " AND cancelled_at IS NULL", [at, case_id]).rowcount


def store_answer(db, checkin_id, values):
    """Store the answer of an open check-in; False when it was answered or cancelled first (single use)."""
    sets = ", ".join(f"{column} = :{column}" for column in values)
    return db.execute(f"UPDATE followup_checkins SET {sets} WHERE id = :checkin_id AND answered_at IS NULL"
                      " AND cancelled_at IS NULL", {**values, "checkin_id": checkin_id}).rowcount == 1


def answered_between(db, utc_from, utc_to):
    """The check-ins answered in [utc_from, utc_to): kind, scores, outcome, satisfaction; no remark, no case."""
    return list(db.query(
        "SELECT kind, baseline_screening_id, phq_anxiety, phq_depression, phq4, who5, outcome_change, recovered,"
        " reliably_recovered, satisfaction_overall, satisfaction_help, satisfaction_recommend"
        " FROM followup_checkins WHERE answered_at >= ? AND answered_at < ?", [utc_from, utc_to]))


def has_checkins(db):
    """True when any check-in exists (the demo seeder then leaves the follow-up alone)."""
    return db.execute("SELECT 1 FROM followup_checkins LIMIT 1").fetchone() is not None


def checkin_of(db, case_id, kind):
    """A case's check-in of this kind, or None."""
    rows = list(db.query("SELECT * FROM followup_checkins WHERE case_id = ? AND kind = ?", [case_id, kind]))
    return rows[0] if rows else None


def erase_remarks(db, case_ids=None):
    """Erase the remarks of check-ins whose case no longer holds contact details (or of these cases); returns how many.

    A remark is free text that may name someone: it goes when the worker's details go."""
    if case_ids is not None:
        marks = ",".join("?" * len(case_ids)) or "NULL"
        return db.execute(f"UPDATE followup_checkins SET remark_encrypted = NULL"
                          f" WHERE remark_encrypted IS NOT NULL AND case_id IN ({marks})", list(case_ids)).rowcount
    return db.execute("UPDATE followup_checkins SET remark_encrypted = NULL WHERE remark_encrypted IS NOT NULL"
                      " AND case_id IN (SELECT id FROM cases WHERE contact_encrypted IS NULL)").rowcount
