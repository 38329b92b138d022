"""All SQL of the materials feature."""


def add_organisation(db, *, name, code, token_hash, logo, now):
    """Store an organisation with its re-encoded logo; returns its id."""
    cursor = db.execute(
        "INSERT INTO material_organisations (name, code, token_hash, logo, created_at) VALUES (?, ?, ?, ?, ?)",
        [name, code, token_hash, logo, now],
    )
    return cursor.lastrowid


def code_taken(db, code):
    """True when an organisation already has this campaign code."""
    return db.execute("SELECT 1 FROM material_organisations WHERE code = ?", [code]).fetchone() is not None


def organisation_by_token_hash(db, token_hash):
    """The organisation whose private link has this hash, as a dict, or None."""
    row = db.execute(
        "SELECT id, name, code, logo, created_at, logo_deleted_at FROM material_organisations WHERE token_hash = ?",
        [token_hash],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(("id", "name", "code", "logo", "created_at", "logo_deleted_at"), row))


def count_download(db, day, poster, paper, organisation):
    """Count one download; a single upsert, so concurrent requests never lose a count."""
    with db.conn:
        db.execute(
            "INSERT INTO material_downloads (day, poster, paper, organisation, count) VALUES (?, ?, ?, ?, 1) "
            "ON CONFLICT (day, poster, paper, organisation) DO UPDATE SET count = count + 1",
            [day, poster, paper, organisation],
        )


def downloads(db, day_from, day_to):
    """[(poster, paper, organisation code, organisation name or None, count)] over a range of days."""
    return db.execute(
        "SELECT d.poster, d.paper, d.organisation, o.name, SUM(d.count) FROM material_downloads d "
        "LEFT JOIN material_organisations o ON o.code = d.organisation AND d.organisation != '' "
        "WHERE d.day BETWEEN ? AND ? GROUP BY d.poster, d.paper, d.organisation ORDER BY d.poster, d.organisation",
        [day_from, day_to],
    ).fetchall()


def delete_logos_before(db, before, now):
    """Empty the logos stored before `before` (ISO text); returns how many. Runs inside the caller's transaction."""
    cursor = db.execute(
        "UPDATE material_organisations SET logo = NULL, logo_deleted_at = ? WHERE logo IS NOT NULL AND created_at < ?",
        [now, before],
    )
    return cursor.rowcount
