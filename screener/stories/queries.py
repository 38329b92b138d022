"""All SQL of the self-care stories; the only writer of stories, story_helped and story_reads."""

FIELDS = ("id, title, body, author_name, sector, language, status, flagged, edited, reject_reason, submitted_at, "
          "published_at, withdrawn_at, email_confirmed, email_encrypted")


def _rows(db, sql, params=()):
    return list(db.query(sql, params))


# --- writing --------------------------------------------------------------------------------------

def insert_story(db, *, title, body, author_name, sector, language, flagged, submitted_at, submitted_day, withdraw_hash,
                 email_encrypted=None, email_confirm_hash=None):
    """A new story waiting for moderation; returns its id."""
    cursor = db.execute(
        """INSERT INTO stories (title, body, author_name, sector, language, flagged, submitted_at, submitted_day,
                                withdraw_hash, email_encrypted, email_confirm_hash)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [title, body, author_name, sector, language, int(flagged), submitted_at, submitted_day, withdraw_hash,
         email_encrypted, email_confirm_hash])
    return cursor.lastrowid


def confirm_email(db, confirm_hash):
    """Use a confirmation link once: the address may now be used. Returns True when it was valid."""
    return db.execute(
        """UPDATE stories SET email_confirmed = 1, email_confirm_hash = NULL
           WHERE email_confirm_hash = ? AND email_encrypted IS NOT NULL AND status IN ('pending', 'published')""",
        [confirm_hash]).rowcount == 1


def edit_story(db, story_id, title, body, flagged):
    """Replace a waiting story's title and text with the coordinator's edit (the original is not kept)."""
    return db.execute(
        "UPDATE stories SET title = ?, body = ?, flagged = ?, edited = 1 WHERE id = ? AND status = 'pending'",
        [title, body, int(flagged), story_id]).rowcount == 1


def publish(db, story_id, at, day):
    """Publish a waiting story and forget the author's address; True when it was waiting."""
    return db.execute(
        """UPDATE stories SET status = 'published', published_at = ?, published_day = ?,
                              email_encrypted = NULL, email_confirm_hash = NULL
           WHERE id = ? AND status = 'pending'""", [at, day, story_id]).rowcount == 1


def reject(db, story_id, reason, day):
    """Reject a waiting story with a reason and forget the author's address; True when it was waiting."""
    return db.execute(
        """UPDATE stories SET status = 'rejected', reject_reason = ?, rejected_day = ?,
                              email_encrypted = NULL, email_confirm_hash = NULL
           WHERE id = ? AND status = 'pending'""", [reason, day, story_id]).rowcount == 1


def withdraw(db, withdraw_hash, at):
    """Take a story down for its author: its words and the address go, the dates stay for the counts.

    Returns the story id, or None when the link is unknown or already used.
    """
    row = db.execute("SELECT id FROM stories WHERE withdraw_hash = ? AND status <> 'withdrawn'",
                     [withdraw_hash]).fetchone()
    if row is None:
        return None
    db.execute(
        """UPDATE stories SET status = 'withdrawn', withdrawn_at = ?, title = '', body = '', author_name = NULL,
                              email_encrypted = NULL, email_confirm_hash = NULL WHERE id = ?""", [at, row[0]])
    db.execute("DELETE FROM story_helped WHERE story_id = ?", [row[0]])
    return row[0]


def add_helped(db, story_id, day, visitor):
    """One "dit hielp mij ook" of this visitor today; False when they already gave it today."""
    return db.execute("INSERT OR IGNORE INTO story_helped (story_id, day, visitor) VALUES (?, ?, ?)",
                      [story_id, day, visitor]).rowcount == 1


def add_read(db, story_id, day):
    """Count one read of a story on a day."""
    db.execute(
        """INSERT INTO story_reads (story_id, day, count) VALUES (?, ?, 1)
           ON CONFLICT (story_id, day) DO UPDATE SET count = count + 1""", [story_id, day])


# --- reading --------------------------------------------------------------------------------------

def any_story(db):
    """True when the table holds a story."""
    return db.execute("SELECT 1 FROM stories LIMIT 1").fetchone() is not None


def story(db, story_id):
    """One story (any status) as a dict, or None."""
    rows = _rows(db, f"SELECT {FIELDS} FROM stories WHERE id = ?", [story_id])
    return rows[0] if rows else None


def by_withdraw_hash(db, withdraw_hash):
    """The story behind a withdraw link, or None."""
    rows = _rows(db, f"SELECT {FIELDS} FROM stories WHERE withdraw_hash = ?", [withdraw_hash])
    return rows[0] if rows else None


def published(db, since, sector=None):
    """Published stories shown now (published after `since`), newest first, with their helped count."""
    sql = f"""SELECT {FIELDS}, (SELECT COUNT(*) FROM story_helped h WHERE h.story_id = s.id) AS helped
              FROM stories s WHERE status = 'published' AND published_at > ?"""
    params = [since]
    if sector:
        sql += " AND sector = ?"
        params.append(sector)
    return _rows(db, sql + " ORDER BY published_at DESC, id DESC", params)


def helped_count(db, story_id):
    """How many times a story helped someone too."""
    return db.execute("SELECT COUNT(*) FROM story_helped WHERE story_id = ?", [story_id]).fetchone()[0]


def queue(db):
    """Stories waiting for moderation: flagged ones first, then the oldest first."""
    return _rows(db, f"SELECT {FIELDS} FROM stories WHERE status = 'pending' ORDER BY flagged DESC, submitted_at, id")


def recent_decisions(db, limit=20):
    """The latest published or rejected stories, for the moderation page."""
    return _rows(db, f"""SELECT {FIELDS} FROM stories WHERE status IN ('published', 'rejected')
                         ORDER BY COALESCE(published_at, rejected_day) DESC, id DESC LIMIT ?""", [limit])


def per_month(db, column, day_from, day_to):
    """{'YYYY-MM': stories} counted by a day column (submitted_day, published_day, rejected_day)."""
    assert column in ("submitted_day", "published_day", "rejected_day")
    return dict(db.execute(
        f"""SELECT substr({column}, 1, 7), COUNT(*) FROM stories WHERE {column} BETWEEN ? AND ?
            GROUP BY substr({column}, 1, 7)""", [day_from, day_to]).fetchall())


def reads_per_month(db, day_from, day_to):
    """{'YYYY-MM': reads of every story}."""
    return dict(db.execute(
        """SELECT substr(day, 1, 7), SUM(count) FROM story_reads WHERE day BETWEEN ? AND ?
           GROUP BY substr(day, 1, 7)""", [day_from, day_to]).fetchall())


def reads_per_story(db, day_from, day_to, limit=20):
    """[(title, reads, helped)] of the most read stories in a range (withdrawn ones are left out)."""
    return db.execute(
        """SELECT s.title, SUM(r.count) AS reads,
                  (SELECT COUNT(*) FROM story_helped h WHERE h.story_id = s.id AND h.day BETWEEN ? AND ?)
           FROM story_reads r JOIN stories s ON s.id = r.story_id
           WHERE r.day BETWEEN ? AND ? AND s.status = 'published'
           GROUP BY s.id ORDER BY reads DESC, s.id LIMIT ?""",
        [day_from, day_to, day_from, day_to, limit]).fetchall()


def erase_old_words(db, published_before, rejected_before):
    """Erase the words of stories shown their two years (published before `published_before`) and of stories
    rejected before `rejected_before` (a day); dates, sector and status stay for the counts. Returns how many."""
    return db.execute(
        """UPDATE stories SET title = '', body = '', author_name = NULL, reject_reason = NULL
           WHERE (body <> '' OR title <> '')
             AND ((status = 'published' AND published_at <= ?) OR (status = 'rejected' AND rejected_day < ?))""",
        [published_before, rejected_before]).rowcount
