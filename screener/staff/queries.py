"""All SQL of the staff feature: accounts, invitations and sessions."""
from .. import clock

# --- accounts -----------------------------------------------------------------------------


def user_by_email(db, email):
    """The account with this e-mail address (lower-case), or None."""
    rows = list(db["users"].rows_where("email = ?", [email.strip().lower()]))
    return rows[0] if rows else None


def user_by_id(db, user_id):
    """The account with this id, or None."""
    rows = list(db["users"].rows_where("id = ?", [user_id]))
    return rows[0] if rows else None


def insert_user(db, *, email, role, org_id, name, now):
    """Create an account that still has to accept its invitation; returns its id."""
    return db["users"].insert(
        {"email": email.strip().lower(), "name": name, "role": role, "org_id": org_id,
         "created_at": clock.iso(now)}
    ).last_pk


def all_users(db):
    """Every account, coordinators first, then per organisation and e-mail."""
    return list(db.query(
        "SELECT * FROM users ORDER BY role = 'member', coalesce(org_id, ''), email"))


def set_disabled(db, user_id, now):
    """Disable an account (now) or enable it again (now=None)."""
    db.execute("UPDATE users SET disabled_at = ? WHERE id = ?", [clock.iso(now) if now else None, user_id])


def activate_user(db, user_id, *, password_hash, totp_secret_encrypted, now):
    """Store the password (and second factor) chosen through the invitation."""
    db.execute(
        "UPDATE users SET password_hash = ?, totp_secret_encrypted = ?, totp_last_step = NULL, activated_at = ? "
        "WHERE id = ?",
        [password_hash, totp_secret_encrypted, clock.iso(now), user_id],
    )


def claim_totp_step(db, user_id, step):
    """Remember the last accepted code's step; False when an equal or later step was used already."""
    cursor = db.execute(
        "UPDATE users SET totp_last_step = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)",
        [step, user_id, step],
    )
    return cursor.rowcount == 1


def coordinator_emails(db):
    """E-mail addresses of the active coordinator accounts."""
    return [r["email"] for r in db.query(
        "SELECT email FROM users WHERE role = 'coordinator' AND disabled_at IS NULL AND activated_at IS NOT NULL")]


# --- invitations --------------------------------------------------------------------------


def insert_invitation(db, *, user_id, token_hash, now, expires_at):
    """A new invitation; earlier unused ones of the same account stop working."""
    db.execute("UPDATE invitations SET used_at = ? WHERE user_id = ? AND used_at IS NULL",
               [clock.iso(now), user_id])
    db["invitations"].insert({"user_id": user_id, "token_hash": token_hash, "created_at": clock.iso(now),
                              "expires_at": clock.iso(expires_at)})


def invitation_by_hash(db, token_hash):
    """The invitation behind a link, with its account's e-mail and state, or None."""
    rows = list(db.query(
        "SELECT i.*, u.email, u.role, u.org_id, u.disabled_at FROM invitations i "
        "JOIN users u ON u.id = i.user_id WHERE i.token_hash = ?", [token_hash]))
    return rows[0] if rows else None


def set_invitation_secret(db, invitation_id, secret_encrypted):
    """Keep the enrolment secret on the invitation so a reload shows the same QR code."""
    db.execute("UPDATE invitations SET totp_secret_encrypted = ? WHERE id = ? AND totp_secret_encrypted IS NULL",
               [secret_encrypted, invitation_id])


def use_invitation(db, invitation_id, now):
    """Mark an invitation used; False when it was used (or replaced) already."""
    cursor = db.execute("UPDATE invitations SET used_at = ? WHERE id = ? AND used_at IS NULL",
                        [clock.iso(now), invitation_id])
    return cursor.rowcount == 1


# --- sessions -----------------------------------------------------------------------------


def insert_session(db, *, token_hash, user_id, now):
    """Record a new signed-in session."""
    db["user_sessions"].insert({"token_hash": token_hash, "user_id": user_id,
                                "created_at": clock.iso(now), "last_seen_at": clock.iso(now)})


def session_with_user(db, token_hash):
    """A live (not ended) session joined with its account, or None."""
    rows = list(db.query(
        "SELECT s.id AS session_id, s.created_at AS session_created_at, s.last_seen_at, "
        "u.id, u.email, u.name, u.role, u.org_id, u.disabled_at "
        "FROM user_sessions s JOIN users u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND s.ended_at IS NULL", [token_hash]))
    return rows[0] if rows else None


def touch_session(db, session_id, now):
    """Move the idle timer of a session."""
    db.execute("UPDATE user_sessions SET last_seen_at = ? WHERE id = ?", [clock.iso(now), session_id])


def end_session(db, session_id, now):
    """End one session."""
    db.execute("UPDATE user_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL",
               [clock.iso(now), session_id])


def end_user_sessions(db, user_id, now):
    """End every session of an account (disabled, or a new password)."""
    db.execute("UPDATE user_sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL",
               [clock.iso(now), user_id])


# --- demo accounts (a production start refuses while they exist) ------------------------------


def accounts_with_domain(db, domain):
    """E-mail addresses of the accounts under `domain` (e.g. the demo accounts)."""
    return [r[0] for r in db.execute("SELECT email FROM users WHERE lower(email) LIKE ? ORDER BY email",
                                     ["%@" + domain.lower()])]


def second_factor_secrets(db):
    """(e-mail, encrypted TOTP secret) of every account that has one."""
    return db.execute("SELECT email, totp_secret_encrypted FROM users WHERE totp_secret_encrypted IS NOT NULL"
                      " ORDER BY email").fetchall()
