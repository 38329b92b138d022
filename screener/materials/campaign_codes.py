"""The campaign codes the posters use, from the campaigns feature (the one import of it here)."""
import secrets

# TEMPORARY until screener.campaigns.codes is merged: same interface, nothing stored.


def new_code(prefix):
    """A new random code starting with `prefix`."""
    return f"{prefix}-{secrets.token_hex(3)}"


def ensure_code(db, *, code, kind, label, now):
    """The code, registered once."""
    return code
