"""Who is signed in: flask-login on top of server-side sessions, and the access decorators.

The cookie holds only a random session id; the session row decides. So a sign-out, an
expired session or a disabled account ends access at the next request, on every device.
"""
from functools import wraps

from flask import current_app, g, redirect, request, session, url_for
from flask_login import UserMixin, current_user, login_user, logout_user
from werkzeug.exceptions import NotFound

from .. import audit, clock
from ..db import get_db, immediate
from ..extensions import login_manager
from . import queries
from .sessions import session_expired
from ..tokens import hash_token, new_token

__all__ = ["current_user", "member_required", "coordinator_required", "start_session", "end_session"]

# Moving the idle timer costs a write; once a minute is precise enough for a 30-minute limit.
TOUCH_EVERY_SECONDS = 60


class PartnerUser(UserMixin):
    """A signed-in provider member or coordinator."""

    def __init__(self, row, session_token, session_id):
        self.id = row["id"]
        self.email = row["email"]
        self.name = row.get("name")
        self.role = row["role"]
        self.org_id = row["org_id"]
        self.session_id = session_id
        self._session_token = session_token

    def get_id(self):
        # flask-login keeps this in the cookie: the session id, not the account id.
        return self._session_token

    @property
    def is_coordinator(self):
        return self.role == "coordinator"


def _load_user(session_token):
    db = get_db()
    row = queries.session_with_user(db, hash_token(session_token))
    if row is None:
        return None
    now = clock.now()
    config = current_app.config
    last_seen = clock.parse(row["last_seen_at"])
    if row["disabled_at"] or session_expired(clock.parse(row["session_created_at"]), last_seen, now,
                                             config["PARTNER_IDLE_MINUTES"], config["PARTNER_SESSION_HOURS"]):
        queries.end_session(db, row["session_id"], now)
        g.partners_session_expired = not row["disabled_at"]
        return None
    if (now - last_seen).total_seconds() >= TOUCH_EVERY_SECONDS:
        queries.touch_session(db, row["session_id"], now)
    return PartnerUser(row, session_token, row["session_id"])


def _unauthorized():
    """Anonymous visitors go to the sign-in page and come back to where they were."""
    expired = "1" if g.get("partners_session_expired") else None
    # After a form post, come back to the page the form was on (its input is asked again, never kept here).
    target = request.full_path.rstrip("?") if request.method == "GET" else _local_referrer()
    return redirect(url_for("staff.sign_in", next=target, verlopen=expired))


def _local_referrer():
    from ..core import safe_return_path

    return safe_return_path(request.referrer) if request.referrer else None


def start_session(user_row):
    """Sign in: a fresh session (new cookie contents, new server-side id) for this account."""
    db = get_db()
    now = clock.now()
    old = current_user._get_current_object() if current_user.is_authenticated else None
    if old is not None:
        queries.end_session(db, old.session_id, now)
    lang = session.get("lang")
    session.clear()  # rotate: nothing from before sign-in carries over
    if lang:
        session["lang"] = lang
    token = new_token()
    with immediate(db):
        queries.insert_session(db, token_hash=hash_token(token), user_id=user_row["id"], now=now)
        audit.record(db, action="signed_in", now=now, user_id=user_row["id"])
    row = queries.session_with_user(db, hash_token(token))
    user = PartnerUser(row, token, row["session_id"])
    login_user(user)
    session.permanent = True
    return user


def end_session():
    """Sign out of this session."""
    if current_user.is_authenticated:
        db = get_db()
        now = clock.now()
        with immediate(db):
            queries.end_session(db, current_user.session_id, now)
            audit.record(db, action="signed_out", now=now, user_id=current_user.id)
    logout_user()
    session.clear()


def member_required(view):
    """Any signed-in partner (member or coordinator); others go to sign-in."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        return view(*args, **kwargs)

    return wrapped


def coordinator_required(view):
    """Coordinators only: members get a 404 (the page does not exist for them)."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role != "coordinator":
            raise NotFound()
        return view(*args, **kwargs)

    return wrapped


def init_app(app):
    """Bind flask-login and the session limits."""
    app.config.setdefault("PARTNER_IDLE_MINUTES", 30)
    app.config.setdefault("PARTNER_SESSION_HOURS", 8)
    login_manager.init_app(app)
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorized)
    login_manager.session_protection = "basic"
