"""Opaque random tokens for links and sessions; only their hash is stored."""
import hashlib
import secrets


def new_token():
    """A URL-safe random token of 256 bits."""
    return secrets.token_urlsafe(32)


def hash_token(token):
    """The sha256 hex digest under which a token is stored and looked up."""
    return hashlib.sha256(token.encode()).hexdigest()
