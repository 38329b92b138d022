"""Accounts: invitations, enrolment of the second factor, sign-in checks, disabling."""
import logging
from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _, lazy_gettext as _l

from .. import audit, clock, crypto
from ..db import immediate
from ..tokens import hash_token, new_token
from ..cases.providers import get_provider
from . import queries, totp
from .coordinators import coordinator_addresses
from ..web import absolute_url
from .mailing import send_invitation, send_signin_locked
from .passwords import MIN_LENGTH, hash_password, password_problem, verify_password

ROLES = ("member", "coordinator")
ROLE_LABELS = {"member": _l("Teamlid"), "coordinator": _l("Coördinator")}

log = logging.getLogger("screener.partners.signin")


class AccountError(Exception):
    """A refused account action, with a Dutch message for the person who tried it."""

    def __init__(self, message, status=422):
        super().__init__(message)
        self.message, self.status = message, status


def invitation_link(token):
    """The absolute link in an invitation e-mail."""
    return absolute_url("staff.accept_invitation", token=token)


def invite(db, *, email, role, org_id, name=None, now, actor_id=None):
    """Create an account and its invitation (e-mailed through the outbox); returns the link."""
    email = (email or "").strip().lower()
    if role not in ROLES:
        raise AccountError(_("Kies een rol."))
    if role == "member" and (not org_id or get_provider(org_id) is None):
        raise AccountError(_("Kies de organisatie van dit teamlid."))
    if role == "coordinator":
        org_id = None
    token = new_token()
    with immediate(db):
        if queries.user_by_email(db, email):
            raise AccountError(_("Er bestaat al een account met dit e-mailadres."), 409)
        user_id = queries.insert_user(db, email=email, role=role, org_id=org_id, name=name, now=now)
        link = _new_invitation(db, user_id, email, token, now)
        audit.record(db, action="account_invited", now=now, user_id=actor_id, detail_user_id=user_id)
    return link


def reinvite(db, user_id, *, now, actor_id=None):
    """A new invitation link for an existing account (the older link stops working)."""
    token = new_token()
    with immediate(db):
        user = queries.user_by_id(db, user_id)
        if user is None:
            raise AccountError(_("Dit account bestaat niet."), 404)
        link = _new_invitation(db, user_id, user["email"], token, now)
        audit.record(db, action="account_reinvited", now=now, user_id=actor_id, detail_user_id=user_id)
    return link


def _new_invitation(db, user_id, email, token, now):
    hours = current_app.config["PARTNER_INVITATION_HOURS"]
    queries.insert_invitation(db, user_id=user_id, token_hash=hash_token(token), now=now,
                              expires_at=now + timedelta(hours=hours))
    link = invitation_link(token)
    send_invitation(db, to=email, link=link, hours=hours, now=now)
    return link


def open_invitation(db, token, now):
    """The usable invitation behind a link, with its enrolment secret; AccountError (410) otherwise."""
    invitation = queries.invitation_by_hash(db, hash_token(token or ""))
    if invitation is None:
        raise AccountError(_("Deze uitnodiging bestaat niet. Vraag een coördinator om een nieuwe link."), 404)
    if invitation["used_at"] or invitation["disabled_at"]:
        raise AccountError(_("Deze uitnodiging werd al gebruikt. Vraag een coördinator om een nieuwe link als je je wachtwoord niet meer weet."), 410)
    if clock.parse(invitation["expires_at"]) <= now:
        raise AccountError(_("Deze uitnodiging is verlopen. Vraag een coördinator om een nieuwe link."), 410)
    if invitation["totp_secret_encrypted"] is None:
        queries.set_invitation_secret(db, invitation["id"], crypto.encrypt(totp.new_secret()))
        invitation = queries.invitation_by_hash(db, hash_token(token))
    invitation["totp_secret"] = crypto.decrypt(invitation["totp_secret_encrypted"])
    return invitation


def enrolment_qr(invitation):
    """The QR code (data URI) and the secret to type in, for an authenticator app."""
    uri = totp.provisioning_uri(invitation["totp_secret"], invitation["email"], current_app.config["SITE_NAME"])
    return totp.qr_data_uri(uri), invitation["totp_secret"]


def accept_invitation(db, token, *, password, password_again, code, now, require_totp):
    """Set the password (and the second factor) once; returns a dict of field errors (empty on success)."""
    invitation = open_invitation(db, token, now)
    errors = {}
    problem = password_problem(password or "", invitation["email"])
    if problem:
        errors["password"] = password_message(problem)
    elif password != password_again:
        errors["password_again"] = _("De twee wachtwoorden zijn niet gelijk.")
    step = None
    if require_totp:
        step = totp.accepted_step(invitation["totp_secret"], code, now)
        if step is None:
            errors["code"] = _("Deze code klopt niet. Typ de 6 cijfers die je app nu toont.")
    if errors:
        return errors
    with immediate(db):
        if not queries.use_invitation(db, invitation["id"], now):
            raise AccountError(_("Deze uitnodiging werd al gebruikt."), 410)
        queries.activate_user(db, invitation["user_id"], password_hash=hash_password(password),
                              totp_secret_encrypted=invitation["totp_secret_encrypted"] if require_totp else None,
                              now=now)
        if step is not None:
            queries.claim_totp_step(db, invitation["user_id"], step)
        queries.end_user_sessions(db, invitation["user_id"], now)
        audit.record(db, action="account_activated", now=now, user_id=invitation["user_id"])
    return {}


def password_message(problem):
    """What to tell someone whose new password was refused for `problem` (passwords.REASONS)."""
    return {
        "too_short": _("Kies een wachtwoord van minstens %(count)s tekens.", count=MIN_LENGTH),
        "is_email": _("Je wachtwoord mag niet je e-mailadres zijn."),
        "common": _("Dit wachtwoord gebruiken veel mensen. Het staat in de lijsten die aanvallers eerst proberen. Kies iets dat alleen jij bedenkt."),
        "personal": _("Je wachtwoord lijkt op je naam of je e-mailadres. Dat is makkelijk te raden. Kies iets anders."),
        "repeat": _("Je wachtwoord herhaalt tekens of stukjes, zoals 'aaa' of 'abcabc'. Dat is makkelijk te raden."),
        "sequence": _("Je wachtwoord bevat een reeks, zoals 'abcd' of '1234'. Dat is makkelijk te raden."),
        "keyboard": _("Je wachtwoord volgt de toetsen op je toetsenbord, zoals 'qwerty'. Dat is makkelijk te raden."),
        "dates": _("Je wachtwoord draait rond een jaartal of een datum. Dat is makkelijk te raden."),
        "guessable": _("Dit wachtwoord is nog te makkelijk te raden. Maak het langer, bijvoorbeeld met vier losse woorden."),
    }[problem]


def authenticate(db, *, email, password, code, now, require_totp):
    """The account row when e-mail, password and (if required) code are right, else None."""
    return check_credentials(db, email=email, password=password, code=code, now=now, require_totp=require_totp)[0]


def check_credentials(db, *, email, password, code, now, require_totp):
    """(account row, None) when e-mail, password and code are right, else (None, why) for the audit log."""
    user = queries.user_by_email(db, email or "")
    password_ok = verify_password(user["password_hash"] if user else None, password or "")
    if not user:
        return None, "unknown_account"
    if not password_ok:
        return None, "password"
    if user["disabled_at"] or not user["activated_at"]:
        return None, "inactive"
    if require_totp:
        secret = crypto.decrypt(user["totp_secret_encrypted"])
        step = totp.accepted_step(secret, code, now, user["totp_last_step"])
        if step is None or not queries.claim_totp_step(db, user["id"], step):
            return None, "code"  # the password was right: someone else may know it
    return user, None


def sign_in(db, *, email, password, code, source, now, require_totp, throttle=None):
    """One sign-in attempt: (account row, None), or (None, why): "failed" or what throttled it (throttle.PAIR, ACCOUNT).

    `source` is a keyed hash of where the attempt came from (never the address). Refusals go to the
    audit log and the JSON log, with the account when there is one.
    """
    email = (email or "").strip().lower()
    known = queries.user_by_email(db, email)
    if throttle is not None:
        blocked = throttle.take(email, source)
        if blocked:
            _refused(db, "signin_throttled", now, known, source, limit=blocked)
            return None, blocked
    user, reason = check_credentials(db, email=email, password=password, code=code, now=now, require_totp=require_totp)
    if user:
        if throttle is not None:
            throttle.succeeded(email, source)
        return user, None
    _refused(db, "signin_failed", now, known, source, reason=reason)
    if throttle is not None and throttle.account_full(email):
        _lock_out(db, known, source, now, throttle.account_seconds)  # this attempt was still checked: the next is refused
    return None, "failed"


def record_throttled(db, *, email, source, now, limit):
    """An attempt refused by a limit outside this module (the one per source)."""
    _refused(db, "signin_throttled", now, queries.user_by_email(db, (email or "").strip().lower()), source, limit=limit)


def _refused(db, action, now, account, source, **detail):
    account_id = account["id"] if account else None
    with immediate(db):
        audit.record(db, action=action, now=now, detail_user_id=account_id, source=source, **detail)
    log.warning(action, extra={"event": action, "account": account_id, "source": source, **detail})


def _lock_out(db, account, source, now, seconds):
    """The cap per account is full: note it once and tell the coordinators (no address, no name)."""
    account_id = account["id"] if account else None
    hours = max(1, round(seconds / 3600))
    with immediate(db):
        if account_id and audit.audited_since(db, "signin_locked", account_id, now - timedelta(seconds=seconds)):
            return  # this lock-out was told already
        audit.record(db, action="signin_locked", now=now, detail_user_id=account_id, source=source)
        if account is not None:
            provider = get_provider(account["org_id"]) if account["org_id"] else None
            send_signin_locked(db, recipients=coordinator_addresses(db), account_id=account_id, role=account["role"],
                               provider=provider.name if provider else None, hours=hours, now=now)
    log.warning("signin_locked", extra={"event": "signin_locked", "account": account_id, "source": source})


def set_disabled(db, user_id, *, disabled, actor_id, now):
    """Disable an account (ending all its sessions) or enable it again."""
    with immediate(db):
        user = queries.user_by_id(db, user_id)
        if user is None:
            raise AccountError(_("Dit account bestaat niet."), 404)
        if disabled and user_id == actor_id:
            raise AccountError(_("Je kan je eigen account niet uitschakelen."), 409)
        queries.set_disabled(db, user_id, now if disabled else None)
        if disabled:
            queries.end_user_sessions(db, user_id, now)
        audit.record(db, action="account_disabled" if disabled else "account_enabled", now=now,
                     user_id=actor_id, detail_user_id=user_id)
    return user


def create_active_user(db, *, email, role, org_id, password=None, password_hash=None, totp_secret=None, name=None,
                       now):
    """An account ready to sign in, without an invitation (demo data and tests); a weak password is refused.

    `password_hash` (of a password checked before) saves hashing again."""
    if password_hash is None:
        problem = password_problem(password, email)
        if problem:
            raise AccountError(password_message(problem))
        password_hash = hash_password(password)  # slow on purpose: before taking the write lock
    with immediate(db):
        user_id = queries.insert_user(db, email=email, role=role, org_id=org_id if role == "member" else None,
                                      name=name, now=now)
        queries.activate_user(db, user_id, password_hash=password_hash,
                              totp_secret_encrypted=crypto.encrypt(totp_secret) if totp_secret else None, now=now)
    return user_id
