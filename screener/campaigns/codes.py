"""Campaign codes: what a valid code is, a new random one, and making sure one exists."""
import re
import secrets

from flask_babel import lazy_gettext as _l

from .. import clock
from ..db import immediate
from . import queries

KINDS = ("poster", "organisation", "newsletter", "webinar", "other")
KIND_LABELS = {"poster": _l("Poster"), "organisation": _l("Organisatie"), "newsletter": _l("Nieuwsbrief"),
               "webinar": _l("Webinar"), "other": _l("Andere")}
_CODE = re.compile(r"[a-z0-9-]{3,32}")
# Readable by eye from a poster: no 0/o, 1/l/i.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_SUFFIX = 5


def is_valid_code(code):
    """True for 3 to 32 characters of lowercase a-z, 0-9 and '-'."""
    return isinstance(code, str) and _CODE.fullmatch(code) is not None


def new_code(prefix):
    """A short random readable code such as 'poster-k7m2q' (the prefix cleaned and shortened)."""
    clean = re.sub(r"[^a-z0-9]+", "-", (prefix or "").lower()).strip("-")[:32 - _SUFFIX - 1]
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(_SUFFIX))
    return f"{clean}-{suffix}" if clean else f"c-{suffix}"


def ensure_code(db, *, code, kind, label, now):
    """Create the campaign code if it does not exist yet (idempotent); returns the code."""
    if not is_valid_code(code):
        raise ValueError(f"invalid campaign code: {code!r}")
    if kind not in KINDS:
        raise ValueError(f"unknown campaign kind: {kind!r}")
    if db.conn.in_transaction:  # the caller's transaction (e.g. a poster download) takes it along
        queries.insert_code(db, code, kind, label, clock.iso(now))
    else:
        with immediate(db):
            queries.insert_code(db, code, kind, label, clock.iso(now))
    return code


def kind_label(kind):
    """The Dutch name of a kind of campaign."""
    return str(KIND_LABELS.get(kind, KIND_LABELS["other"]))
