"""Organisations that brand the posters: registration with a private link, lookup, and forgetting old logos."""
from datetime import timedelta

from .. import clock, tokens
from ..db import immediate
from ..campaigns import codes
from . import queries

CODE_PREFIX = "org"


def register(db, *, name, logo, now):
    """Store an organisation, its re-encoded logo and a new campaign code; returns (private token, code).

    The token opens the organisation's posters; only its hash is stored, so the link cannot be
    rebuilt from the database. Lost link: upload again (a new code, the old posters keep working).
    """
    token, token_hash = tokens.new_token_and_hash()
    with immediate(db):
        code = codes.new_code(CODE_PREFIX)
        while queries.code_taken(db, code):  # 31^5 codes: a repeat is rare, and two organisations never share one
            code = codes.new_code(CODE_PREFIX)
        codes.ensure_code(db, code=code, kind="organisation", label=name, now=now)
        queries.add_organisation(db, name=name, code=code, token_hash=token_hash, logo=logo, now=clock.iso(now))
    return token, code


def by_token(db, token):
    """The organisation of a private link, or None for an unknown token."""
    if not token or len(token) > 100:
        return None
    return queries.organisation_by_token_hash(db, tokens.hash_token(token))


def poster_code(db, poster, now):
    """The plain poster's campaign code, registered on first use (idempotent)."""
    return codes.ensure_code(db, code=poster.code, kind="poster", label=str(poster.title), now=now)


def count_download(db, poster, paper, organisation_code, now):
    """Count one download on the Belgian day of `now` (no visitor data)."""
    queries.count_download(db, clock.local_day(now).isoformat(), poster.key, paper, organisation_code or "")


def forget_old_logos(db, now, days):
    """Delete the logos stored more than `days` ago (the retention run); returns how many."""
    return queries.delete_logos_before(db, clock.iso(now - timedelta(days=days)), clock.iso(now))
