"""Every SQL statement of the ops feature: the health check's probe and the anonymous aggregates.

Retention and erasure change other features' tables through their own functions (ops/privacy.py).
"""


def database_answers(db):
    """True when the schema can be read (the file is there and not corrupt at its root)."""
    return db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


# --- demo data (read only: the production start refuses while demo accounts exist) ---------------

def accounts_with_domain(db, domain):
    """E-mail addresses of the accounts under `domain` (e.g. the demo accounts)."""
    return [r[0] for r in db.execute("SELECT email FROM users WHERE lower(email) LIKE ? ORDER BY email",
                                     ["%@" + domain.lower()])]


def second_factor_secrets(db):
    """(e-mail, encrypted TOTP secret) of every account that has one."""
    return db.execute("SELECT email, totp_secret_encrypted FROM users WHERE totp_secret_encrypted IS NOT NULL"
                      " ORDER BY email").fetchall()


def add_aggregates(db, rows):
    """Add rows to screening_aggregates (counts without any row identity)."""
    for row in rows:
        db.execute(
            "INSERT INTO screening_aggregates (day, status, stopped_at_item, band, gender, sector, province,"
            " language, crisis, count) VALUES (:day, :status, :stopped_at_item, :band, :gender, :sector,"
            " :province, :language, :crisis, :count)", row)
