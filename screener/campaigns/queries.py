"""All SQL of campaign codes: the only writer of the campaigns tables."""


# --- codes ------------------------------------------------------------------------------------

def insert_code(db, code, kind, label, at):
    """Add a code unless it exists, inside the caller's transaction; True when it was added."""
    return db.execute("INSERT INTO campaigns (code, kind, label, created_at) VALUES (?, ?, ?, ?)"
                      " ON CONFLICT (code) DO NOTHING", [code, kind, label, at]).rowcount == 1


def code_exists(db, code):
    """True when the code is a known campaign."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM campaigns WHERE code = ?)", [code]).fetchone()[0] == 1


def all_codes(db):
    """[{code, kind, label, created_at}] newest first."""
    return [dict(r) for r in db.query("SELECT code, kind, label, created_at FROM campaigns"
                                      " ORDER BY created_at DESC, code")]


# --- arrivals and tallies -----------------------------------------------------------------------

def note_arrival(db, day, visitor, code):
    """The visitor came through `code` today (the latest code counts); older days' rows go first."""
    db.execute("DELETE FROM campaign_arrivals WHERE day <> ?", [day])
    db.execute("INSERT INTO campaign_arrivals (day, visitor, code) VALUES (?, ?, ?)"
               " ON CONFLICT (day, visitor) DO UPDATE SET code = excluded.code", [day, visitor, code])


def arrival_code(db, day, visitor):
    """The code that brought this visitor today, or None."""
    row = db.execute("SELECT code FROM campaign_arrivals WHERE day = ? AND visitor = ?", [day, visitor]).fetchone()
    return row[0] if row else None


def has_arrivals(db):
    """True when any arrival is remembered (of any day)."""
    return db.execute("SELECT EXISTS (SELECT 1 FROM campaign_arrivals)").fetchone()[0] == 1


def forget_old_arrivals(db, day):
    """Delete the arrivals of every day but `day`; returns how many went."""
    return db.execute("DELETE FROM campaign_arrivals WHERE day <> ?", [day]).rowcount


def add_tally(db, day, code, metric, count=1):
    """Count `metric` once more for a code on a day, inside the caller's transaction."""
    db.execute("INSERT INTO campaign_tallies (day, code, metric, count) VALUES (?, ?, ?, ?)"
               " ON CONFLICT (day, code, metric) DO UPDATE SET count = count + excluded.count",
               [day, code, metric, count])


def tallies(db, day_from, day_to):
    """{code: {metric: count}} over a range of Belgian days."""
    found = {}
    for code, metric, count in db.execute(
            "SELECT code, metric, SUM(count) FROM campaign_tallies WHERE day BETWEEN ? AND ? GROUP BY 1, 2",
            [day_from, day_to]).fetchall():
        found.setdefault(code, {})[metric] = count
    return found


def campaign_days(db, code):
    """The days on which a code brought at least one visit, oldest first."""
    return [r[0] for r in db.execute("SELECT day FROM campaign_tallies WHERE code = ? AND metric = 'visit'"
                                     " AND count > 0 ORDER BY day", [code]).fetchall()]


# --- "Heb je deze screener al eens ingevuld?" ---------------------------------------------------

def add_returning_answer(db, day, answer, count=1):
    """Count one answer to the returning question on a day, inside the caller's transaction."""
    db.execute("INSERT INTO returning_tallies (day, answer, count) VALUES (?, ?, ?)"
               " ON CONFLICT (day, answer) DO UPDATE SET count = count + excluded.count", [day, answer, count])


def returning_answers(db, day_from, day_to):
    """{answer: count} over a range of Belgian days."""
    rows = db.execute("SELECT answer, SUM(count) FROM returning_tallies WHERE day BETWEEN ? AND ? GROUP BY 1",
                      [day_from, day_to]).fetchall()
    return dict(rows)


def annotations_on_campaign_days(db, code):
    """[(day, label)] of the reports' annotations on days this code brought visits (read only)."""
    return db.execute("SELECT a.day, a.label FROM annotations a WHERE a.day IN (SELECT day FROM campaign_tallies"
                      " WHERE code = ? AND metric = 'visit' AND count > 0) ORDER BY a.day, a.id", [code]).fetchall()
