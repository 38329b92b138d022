"""Schema of the staff feature: accounts, invitations and sessions (the audit log is screener/audit.py's)."""
from sqlite_utils import Migrations

# The set keeps its first name: sqlite-utils records applied steps by set and step name, and
# existing databases have this set applied as "partners".
migrations = Migrations("partners")


@migrations()
def create_accounts(db):
    # A provider team member (org_id = provider id) or a coordinator (org_id null).
    db["users"].create(
        {
            "id": int,
            "email": str,  # lower-case; the sign-in name
            "name": str,
            "role": str,  # member | coordinator
            "org_id": str,
            "password_hash": str,  # argon2id; null until the invitation was used
            "totp_secret_encrypted": str,  # Fernet token; null until enrolled
            "totp_last_step": int,  # last accepted TOTP time step: a code works only once
            "created_at": str,
            "activated_at": str,
            "disabled_at": str,
        },
        pk="id",
        not_null={"email", "role", "created_at"},
    )
    db["users"].create_index(["email"], unique=True)

    # Single-use, short-lived links to set a password (and enrol the second factor).
    db["invitations"].create(
        {
            "id": int,
            "user_id": int,
            "token_hash": str,  # sha256 of the token in the link; the token itself is never stored
            "totp_secret_encrypted": str,  # the secret shown on the enrolment page until it is used
            "created_at": str,
            "expires_at": str,
            "used_at": str,
        },
        pk="id",
        not_null={"user_id", "token_hash", "created_at", "expires_at"},
        foreign_keys=[("user_id", "users", "id")],
    )
    db["invitations"].create_index(["token_hash"], unique=True)

    # Server-side sessions, so that disabling an account or signing out ends them everywhere.
    db["user_sessions"].create(
        {
            "id": int,
            "token_hash": str,  # sha256 of the random id kept in the signed cookie
            "user_id": int,
            "created_at": str,
            "last_seen_at": str,
            "ended_at": str,
        },
        pk="id",
        not_null={"token_hash", "user_id", "created_at", "last_seen_at"},
        foreign_keys=[("user_id", "users", "id")],
    )
    db["user_sessions"].create_index(["token_hash"], unique=True)
    db["user_sessions"].create_index(["user_id"])
