"""Secret random tokens and their stored hash: case links, withdrawal links, invitations, sessions, screenings.

Only a token's hash is stored where a token opens something; whoever reads the database cannot
rebuild the link. Knows no feature.
"""
import hashlib
import secrets

TOKEN_BYTES = 32  # 256 bits: not guessable, however many tries


def new_token(nbytes=TOKEN_BYTES):
    """A new random URL-safe token (256 bits unless told otherwise)."""
    return secrets.token_urlsafe(nbytes)


def hash_token(token):
    """The stored form of a secret token (the token itself is never stored)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token_and_hash():
    """(a new token for a link, its hash for the database)."""
    token = new_token()
    return token, hash_token(token)
