"""Password hashing with argon2id, and the strength check for a new password (zxcvbn)."""
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

_hasher = PasswordHasher()
# Verified against when the e-mail address is unknown, so a wrong address takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("no account has this password")

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn's 0-4 scale: 3 is "safely unguessable" for an online attack with throttling
# Words zxcvbn's English lists miss but that people here pick first: the site, "password" in Dutch, a Belgian keyboard.
LOCAL_WORDS = ("zorgsamen", "wachtwoord", "paswoord", "welkom", "geheim", "azerty", "azertyuiop", "belgie",
               "vlaanderen", "brussel", "antwerpen", "gent")

# The reasons a new password is refused, in the order they are told.
REASONS = ("too_short", "is_email", "common", "personal", "repeat", "sequence", "keyboard", "dates", "guessable")


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
    """Why a new password is too weak (one of REASONS), else None."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    email = (email or "").strip().lower()
    if email and password.strip().lower() == email:
        return "is_email"
    personal = [part for part in _email_parts(email) if len(part) >= 3]
    result = zxcvbn(password, user_inputs=personal + list(LOCAL_WORDS))
    if result["score"] >= MIN_SCORE:
        return None
    return _weakest_part(result["sequence"], set(personal))


def _email_parts(email):
    name, _, domain = email.partition("@")
    return [email, name, *name.replace("_", ".").replace("-", ".").split("."), *domain.split(".")[:-1]]


def _weakest_part(sequence, personal):
    """The reason behind a low score, from the patterns zxcvbn found (its own feedback is English)."""
    patterns = set()
    for match in sequence:
        kind = match["pattern"]
        if kind == "dictionary":
            if match.get("dictionary_name") == "user_inputs":
                kind = "personal" if match.get("matched_word") in personal else "common"
            elif match.get("dictionary_name") == "passwords":
                kind = "common"
            else:
                kind = "guessable"
        patterns.add({"spatial": "keyboard", "date": "dates", "regex": "dates"}.get(kind, kind))
    return next((reason for reason in REASONS if reason in patterns), "guessable")
