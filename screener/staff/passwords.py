"""Password hashing with argon2id."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Verified against when the e-mail address is unknown, so a wrong address takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("no account has this password")

MIN_LENGTH = 10


def hash_password(password):
    """The argon2id hash of a password."""
    return _hasher.hash(password)


def verify_password(password_hash, password):
    """True when `password` matches `password_hash` (None: an unknown or unfinished account)."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password, email=""):
    """Why a new password is too weak ('too_short', 'is_email'), else None."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if email and password.strip().lower() == email.lower():
        return "is_email"
    return None
