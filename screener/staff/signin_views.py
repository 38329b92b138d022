"""Sign-in, sign-out and accepting an invitation."""
from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _

from .. import clock
from ..core import safe_return_path
from ..db import get_db
from ..errors import abort_with
from ..extensions import limiter, source_key
from . import accounts
from .auth import end_session, start_session
from .blueprint import bp
from .forms import InvitationForm, SignInForm
from .shell import home_url, render
from .throttle import ACCOUNT, PAIR, throttle_for


def _failed(response):
    return response.status_code != 303


def _source_throttled(request_limit):
    # Too many attempts from one source, whatever the account (PARTNER_SIGNIN_LIMIT): audited like the others.
    accounts.record_throttled(get_db(), email=request.form.get("email"), source=source_key(), now=clock.now(),
                              limit="source")


def _throttled_message(refused, throttle):
    if refused == PAIR:
        return _("Je probeerde te vaak aan te melden met een verkeerd wachtwoord of een verkeerde code. "
                 "Wacht %(minutes)s minuten en probeer dan opnieuw.", minutes=throttle.pair.get_expiry() // 60)
    return _("Er waren te veel mislukte pogingen om met dit account aan te melden. Aanmelden is daarom even "
             "geblokkeerd. Probeer het over %(minutes)s minuten opnieuw, of vraag een coördinator om hulp.",
             minutes=throttle.account.get_expiry() // 60)


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PARTNER_SIGNIN_LIMIT"], methods=["POST"], deduct_when=_failed,
               on_breach=_source_throttled)
def sign_in():
    """E-mail, password and the code from the authenticator app."""
    form = SignInForm()
    require_totp = current_app.config["REQUIRE_TOTP"]
    target = safe_return_path(request.args.get("next") or home_url())
    error = None
    if request.method == "POST":
        if form.validate():
            throttle = throttle_for(current_app)
            user, refused = accounts.sign_in(get_db(), email=form.email.data, password=form.password.data,
                                             code=form.code.data, source=source_key(), now=clock.now(),
                                             require_totp=require_totp, throttle=throttle)
            if user:
                start_session(user)
                return redirect(target, 303)
            if refused in (PAIR, ACCOUNT):
                abort_with(429, _throttled_message(refused, throttle))
            error = _("Dit e-mailadres, wachtwoord of deze code klopt niet. Probeer opnieuw.")
        else:
            error = _("Vul alle velden in.")
        status = 422
    else:
        status = 200
    expired = request.args.get("verlopen") == "1"
    return render("staff/_sign_in.html", status=status, title=_("Aanmelden"), form=form, error=error,
                  require_totp=require_totp, expired=expired)


@bp.post("/uitloggen")
def sign_out():
    """End this session."""
    end_session()
    flash(_("Je bent afgemeld."))
    return redirect(url_for("staff.sign_in"), 303)


@bp.route("/uitnodiging/<token>", methods=["GET", "POST"])
@limiter.limit("20 per hour", methods=["POST"])
def accept_invitation(token):
    """Choose a password and set up the second factor, once."""
    db = get_db()
    now = clock.now()
    require_totp = current_app.config["REQUIRE_TOTP"]
    try:
        invitation = accounts.open_invitation(db, token, now)
    except accounts.AccountError as exc:
        abort_with(exc.status, exc.message)
    form = InvitationForm()
    errors, status = {}, 200
    if request.method == "POST":
        if form.validate():
            try:
                errors = accounts.accept_invitation(db, token, password=form.password.data,
                                                    password_again=form.password_again.data, code=form.code.data,
                                                    now=now, require_totp=require_totp)
            except accounts.AccountError as exc:
                abort_with(exc.status, exc.message)
            if not errors:
                flash(_("Je account is klaar. Meld je nu aan."))
                return redirect(url_for("staff.sign_in"), 303)
        else:
            errors = {name: field.errors[0] for name, field in form._fields.items() if field.errors}
        status = 422
    qr, secret = accounts.enrolment_qr(invitation) if require_totp else (None, None)
    return render("staff/_invitation.html", status=status, title=_("Je account instellen"), form=form,
                  errors=errors, email=invitation["email"], qr=qr, secret=secret, require_totp=require_totp)
