"""Encryption of contact details at rest (Fernet/MultiFernet), keys kept in the instance folder."""
import json
import os
from datetime import datetime, timezone
from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app, g, has_request_context

KEYS_FILE = "fernet.keys"  # one key per line, newest first


def _keys_path(app):
    return Path(app.instance_path) / KEYS_FILE


def ensure_keys(app):
    """Create the key file with one fresh key on first run (owner-only permissions)."""
    path = _keys_path(app)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(Fernet.generate_key().decode() + "\n")


def _load_keys(app):
    return [line.strip() for line in _keys_path(app).read_text().splitlines() if line.strip()]


_loaded = {}  # key file -> ((modified, size), MultiFernet)


def _fernet(app=None):
    """The keys as one MultiFernet, read again only when the file changed (`keys rotate` elsewhere).

    Within one request the file is looked at once: a screener step opens and seals its session value.
    """
    if app is None and has_request_context() and "fernet" in g:
        return g.fernet
    keys = _current_keys(app or current_app)
    if app is None and has_request_context():
        g.fernet = keys
    return keys


def _current_keys(app):
    path = _keys_path(app)
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _loaded.get(path)
    if cached is None or cached[0] != stamp:
        cached = _loaded[path] = (stamp, MultiFernet([Fernet(key) for key in _load_keys(app)]))
    return cached[1]


def encrypt(data):
    """A JSON-serialisable value as an encrypted token (text)."""
    return _fernet().encrypt(json.dumps(data).encode()).decode()


def decrypt(token):
    """The value behind a token; None for None or a token no key can open."""
    if not token:
        return None
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken:
        return None


# Tokens that expire (a link handed to the worker): Fernet's own timestamp, read on the app clock,
# so tests move the clock instead of waiting and nothing needs to be stored to expire them.

def encrypt_at(data, now):
    """A JSON-serialisable value as an encrypted token stamped with `now` (an aware datetime)."""
    return _fernet().encrypt_at_time(json.dumps(data).encode(), int(now.timestamp())).decode()


def decrypt_within(token, max_age, now):
    """The value behind a token stamped at most `max_age` seconds before `now`; None when it is older,
    stamped in the future or opened by no key."""
    if not token or not isinstance(token, str):
        return None
    try:
        return json.loads(_fernet().decrypt_at_time(token.encode(), max_age, int(now.timestamp())))
    except (InvalidToken, ValueError):
        return None


def stamped_at(token):
    """When a token that some key opens was made (aware UTC), else None: tells an expired link from a garbled one."""
    if not token or not isinstance(token, str):
        return None
    try:
        return datetime.fromtimestamp(_fernet().extract_timestamp(token.encode()), timezone.utc)
    except (InvalidToken, ValueError):
        return None


# Columns that hold Fernet tokens: (table, primary key, column[, SQL condition for rows that
# hold a token]). Features add theirs here.
ENCRYPTED_COLUMNS = [
    ("cases", "id", "contact_encrypted"),
    ("cases", "id", "handover_encrypted"),  # the referring team's note to the next team
    ("outbox", "id", "to_addr", "to_encrypted = 1"),  # only a worker's own address is a token
]


def _stored_tokens(db):
    """(table, pk, column, row id, token) of every stored Fernet token, outbox addresses included."""
    for table, pk, column, *condition in ENCRYPTED_COLUMNS:
        if not db[table].exists():
            continue
        where = " AND ".join([f"{column} IS NOT NULL", f"{column} != ''", *condition])
        for row_id, token in db.execute(f"SELECT {pk}, {column} FROM {table} WHERE {where}").fetchall():
            yield table, pk, column, row_id, token


def keys_in_use(keys, tokens):
    """The keys (in order) that open at least one of `tokens`: each token counts for the first key that opens it."""
    fernets = [Fernet(key) for key in keys]
    used = set()
    for token in tokens:
        for index, fernet in enumerate(fernets):
            try:
                fernet.decrypt(token.encode())
            except InvalidToken:
                continue
            used.add(index)
            break
    return [key for index, key in enumerate(keys) if index in used]


def rotate(app, db, retire=False):
    """Add a new primary key and re-encrypt every stored token with it. Returns (re-encrypted, keys dropped).

    With `retire`, keys that no stored value needs any more are dropped, except the previous
    primary key: a web process may have encrypted a value with it a moment before the rotation
    and store it just after. The next `rotate --retire` drops that one too.
    """
    from .db import immediate

    path = _keys_path(app)
    old_keys = _load_keys(app)
    keys = [Fernet.generate_key().decode()] + old_keys
    multi = MultiFernet([Fernet(k) for k in keys])
    count = 0
    with immediate(db):
        for table, pk, column, row_id, token in list(_stored_tokens(db)):
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {pk} = ?", [multi.rotate(token.encode()).decode(), row_id])
            count += 1
        if retire:
            needed = set(keys_in_use(keys, [token for *_, token in _stored_tokens(db)]))
            keys = [key for index, key in enumerate(keys) if index <= 1 or key in needed]
        # Write the new key list only once every token opens with its first key.
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write("\n".join(keys) + "\n")
        os.replace(tmp, path)
    return count, len(old_keys) + 1 - len(keys)


@click.group("keys", cls=AppGroup)
def keys_cli():
    """Manage the encryption keys."""


@keys_cli.command("rotate")
@click.option("--retire", is_flag=True,
              help="Also drop old keys that no stored value uses any more (backups made with them can no longer be read).")
@with_appcontext
def rotate_command(retire):
    """Generate a new key and re-encrypt all contact details with it (old keys still open old backups)."""
    from .db import get_db

    count, dropped = rotate(current_app, get_db(), retire=retire)
    click.echo(f"New key in use; {count} values re-encrypted.")
    if retire:
        click.echo(f"{dropped} old key(s) dropped; the previous key is kept until the next rotation.")


def init_app(app):
    ensure_keys(app)
    app.cli.add_command(keys_cli)
