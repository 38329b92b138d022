"""Provider team views: sign-in, invitations, the case list and case page, the coordinators' pages."""
from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _

from .. import clock, crypto
from ..core import safe_return_path
from ..db import get_db
from ..errors import abort_with
from ..extensions import limiter
from ..web import no_store, render
from . import accounts, casework, display, queries
from .auth import coordinator_required, current_user, end_session, member_required, start_session
from .forms import AssignForm, AttemptForm, CloseForm, InvitationForm, InviteUserForm, ReferForm, SignInForm
from .moments import first_contact_moment
from .tokens import hash_token

bp = Blueprint("partners", __name__, url_prefix="/partners")
bp.after_request(no_store)


@bp.context_processor
def _nav_context():
    """Counts per status for the partners' navigation."""
    if not current_user.is_authenticated:
        return {}
    counts = queries.count_cases(get_db(), org_id=None if current_user.is_coordinator else current_user.org_id,
                                 now_iso=clock.iso(clock.now()))
    return {"partner_counts": counts, "status_labels": display.STATUS_LABELS, "labels": display}


def _signin_key():
    # Counts failed attempts per account, whatever address they come from. Kept in memory only.
    return "signin:" + hash_token((request.form.get("email") or "").strip().lower())


def _failed(response):
    return response.status_code != 303


# --- sign-in ------------------------------------------------------------------------------


@bp.route("/inloggen", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["PARTNER_SIGNIN_LIMIT"], methods=["POST"], deduct_when=_failed)
@limiter.limit(lambda: current_app.config["PARTNER_SIGNIN_ACCOUNT_LIMIT"], methods=["POST"],
               key_func=_signin_key, deduct_when=_failed)
def sign_in():
    """E-mail, password and the code from the authenticator app."""
    form = SignInForm()
    require_totp = current_app.config["REQUIRE_TOTP"]
    target = safe_return_path(request.args.get("next") or url_for("partners.case_list"))
    error = None
    if request.method == "POST":
        if form.validate():
            db = get_db()
            user = accounts.authenticate(db, email=form.email.data, password=form.password.data,
                                         code=form.code.data, now=clock.now(), require_totp=require_totp)
            if user:
                start_session(user)
                return redirect(target, 303)
            error = _("Dit e-mailadres, wachtwoord of deze code klopt niet. Probeer opnieuw.")
        else:
            error = _("Vul alle velden in.")
        status = 422
    else:
        status = 200
    expired = request.args.get("verlopen") == "1"
    return render("partners/_sign_in.html", status=status, title=_("Aanmelden"), form=form, error=error,
                  require_totp=require_totp, expired=expired)


@bp.post("/uitloggen")
def sign_out():
    """End this session."""
    end_session()
    flash(_("Je bent afgemeld."))
    return redirect(url_for("partners.sign_in"), 303)


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
                return redirect(url_for("partners.sign_in"), 303)
        else:
            errors = {name: field.errors[0] for name, field in form._fields.items() if field.errors}
        status = 422
    qr, secret = accounts.enrolment_qr(invitation) if require_totp else (None, None)
    return render("partners/_invitation.html", status=status, title=_("Je account instellen"), form=form,
                  errors=errors, email=invitation["email"], qr=qr, secret=secret, require_totp=require_totp)


# --- cases --------------------------------------------------------------------------------


@bp.get("/")
@member_required
def case_list():
    """The team's cases: a filter per status, overdue first, then by due time."""
    status = request.args.get("status", "open")
    if status not in queries.STATUS_FILTERS:
        abort_with(404, _("Deze filter bestaat niet."))
    now = clock.now()
    cases = queries.list_cases(get_db(), org_id=_scope(), status=status, now_iso=clock.iso(now))
    return render("partners/_case_list.html", title=_("Dossiers"), cases=cases, filter_key=status, now=now,
                  providers=_providers_by_id())


@bp.get("/wachtrij")
@coordinator_required
def queue():
    """Requests that no provider matched: the coordinators route them."""
    now = clock.now()
    cases = queries.list_cases(get_db(), org_id=None, status="open", now_iso=clock.iso(now), unrouted_only=True)
    form = AssignForm()
    form.provider_id.choices = _provider_choices()
    return render("partners/_queue.html", title=_("Wachtrij"), cases=cases, now=now, form=form)


def _scope():
    return None if current_user.is_coordinator else current_user.org_id


def _case_or_404(token):
    """The case behind a link, if this partner may see it; otherwise 404, the same as a wrong link."""
    case = queries.case_by_token(get_db(), token)
    if case is None or not (current_user.is_coordinator or case["provider_id"] == current_user.org_id):
        abort_with(404, _("Dit dossier bestaat niet of is niet voor jouw organisatie."))
    return case


@bp.get("/dossier/<token>")
@member_required
def case_detail(token):
    """One case, opened from the e-mailed case link (after sign-in)."""
    db = get_db()
    case = _case_or_404(token)
    now = clock.now()
    casework.record_view(db, case["id"], user_id=current_user.id, now=now)
    return _render_case(case, now)


def _render_case(case, now, status=200, error=None, forms=None):
    db = get_db()
    forms = forms or {}
    refer = forms.get("refer") or ReferForm(formdata=None)
    refer.provider_id.choices = _provider_choices(exclude=case["provider_id"])
    assign = AssignForm(formdata=None)
    assign.provider_id.choices = _provider_choices()
    overdue, left = display.time_left(case, now)
    return render(
        "partners/_case.html", status=status, title=_("Dossier %(reference)s", reference=case["reference"]),
        case=case, contact=crypto.decrypt(case["contact_encrypted"]) or {},
        moments=display.detail_items(case["preferred_moments"]) if case["preferred_moments"] else [],
        results=queries.screening_results(db, case["screening_id"]) if case["share_results"] else None,
        events=queries.case_events(db, case["id"]), chain=queries.case_chain(db, case),
        overdue=overdue and not case["first_contact_at"] and case["status"] != "closed", time_left=left,
        waiting=display.waiting_time(case, now), now=now, error=error,
        attempt=forms.get("attempt") or AttemptForm(formdata=None), refer=refer,
        close=forms.get("close") or CloseForm(formdata=None), assign=assign,
        providers=_providers_by_id(), unreached=queries.unreached_attempts(db, case["id"]),
        min_attempts=current_app.config["PARTNER_MIN_ATTEMPTS"],
    )


@bp.post("/dossier/<token>/<action>")
@member_required
def case_action(token, action):
    """Claim, log an attempt, record first contact, refer or close: then back to the case."""
    db = get_db()
    case = _case_or_404(token)
    now = clock.now()
    forms, detail, outcome, after, contact_at = {}, {}, None, None, None
    if action == "opnemen":
        name, valid = "claim", _csrf_ok()
    elif action == "poging":
        form = forms["attempt"] = AttemptForm()
        name, valid = "attempt", form.validate()
        detail = {"channel": form.channel.data, "reached": 1 if form.reached.data == "yes" else 0,
                  "note": (form.note.data or "").strip() or None}
    elif action == "eerste-contact":
        name, valid = "first_contact", _csrf_ok()
        contact_at, problem = first_contact_moment(request.form.get("moment"), now=now,
                                                   created_at=clock.parse(case["created_at"]))
        if problem:
            return _render_case(case, now, status=422, error=_MOMENT_PROBLEMS[problem]())
    elif action == "afsluiten":
        form = forms["close"] = CloseForm()
        name, valid, outcome = "close", form.validate(), form.outcome.data
    elif action == "doorverwijzen":
        from .referrals import refer_after

        form = forms["refer"] = ReferForm()
        form.provider_id.choices = _provider_choices(exclude=case["provider_id"])
        name, valid = "refer", form.validate() and _valid_provider(form.provider_id.data, form)
        detail = {"provider_id": form.provider_id.data, "note": (form.note.data or "").strip() or None}
        after = refer_after(form.provider_id.data, current_user.id)
    else:
        abort_with(404, _("Deze actie bestaat niet."))
    if not valid:
        return _render_case(case, now, status=422, error=_("Kijk het formulier na."), forms=forms)
    try:
        casework.act(db, case["id"], name, user_id=current_user.id, now=now, outcome=outcome, detail=detail,
                     after=after, contact_at=contact_at)
    except casework.CaseRefused as exc:
        return _render_case(queries.case_by_id(db, case["id"]), now, status=exc.status, error=exc.message)
    flash(_ACTION_DONE[name]())
    return redirect(url_for("partners.case_detail", token=token), 303)


_MOMENT_PROBLEMS = {
    "invalid": lambda: _("Dit tijdstip konden we niet lezen. Kies een datum en een uur."),
    "future": lambda: _("Dit tijdstip ligt in de toekomst. Noteer het contact als het gebeurd is."),
    "before_request": lambda: _("Dit tijdstip ligt voor de aanmelding. Kijk de datum na."),
}

_ACTION_DONE = {
    "claim": lambda: _("Je hebt dit dossier opgenomen."),
    "attempt": lambda: _("De contactpoging is genoteerd."),
    "first_contact": lambda: _("Het eerste contact is genoteerd. De wachttijd stopt hier."),
    "close": lambda: _("Het dossier is afgesloten."),
    "refer": lambda: _("Doorverwezen. De nieuwe organisatie kreeg een e-mail."),
}


def _csrf_ok():
    from flask_wtf import FlaskForm

    return FlaskForm().validate()


def _valid_provider(provider_id, form):
    provider = _providers_by_id().get(provider_id)
    if provider is None or not provider.active:
        form.provider_id.errors = list(form.provider_id.errors) + [_("Kies een organisatie uit de lijst.")]
        return False
    return True


@bp.post("/dossier/<token>/toewijzen")
@coordinator_required
def assign(token):
    """Route a case from the coordinators' queue to a provider, who is notified."""
    from .referrals import assign_case

    db = get_db()
    case = _case_or_404(token)
    now = clock.now()
    form = AssignForm()
    form.provider_id.choices = _provider_choices()
    if not form.validate() or not _valid_provider(form.provider_id.data, form):
        return _render_case(case, now, status=422, error=_("Kies een organisatie uit de lijst."))
    try:
        assign_case(db, case["id"], form.provider_id.data, user_id=current_user.id, now=now)
    except casework.CaseRefused as exc:
        return _render_case(queries.case_by_id(db, case["id"]), now, status=exc.status, error=exc.message)
    flash(_("Toegewezen. De organisatie kreeg een e-mail."))
    return redirect(url_for("partners.case_detail", token=token), 303)


@bp.get("/dossier/<token>/audit")
@coordinator_required
def case_audit(token):
    """Who saw or changed this case, and when."""
    case = _case_or_404(token)
    return render("partners/_audit.html", title=_("Logboek %(reference)s", reference=case["reference"]),
                  case=case, entries=queries.audit_for_case(get_db(), case["id"]))


# --- accounts (coordinators) --------------------------------------------------------------


@bp.route("/accounts", methods=["GET", "POST"])
@coordinator_required
def users():
    """Every account; invite a new one."""
    db = get_db()
    form = InviteUserForm()
    form.org_id.choices = [("", _("Kies een organisatie"))] + _provider_choices(only_active=False)
    status, link, error = 200, None, None
    if request.method == "POST":
        if form.validate():
            try:
                link = accounts.invite(db, email=form.email.data, role=form.role.data, org_id=form.org_id.data or None,
                                       name=(form.name.data or "").strip() or None, now=clock.now(),
                                       actor_id=current_user.id)
                flash(_("Uitnodiging verstuurd naar %(email)s.", email=form.email.data.strip().lower()))
                return redirect(url_for("partners.users"), 303)
            except accounts.AccountError as exc:
                error, status = exc.message, exc.status
        else:
            status = 422
    return render("partners/_users.html", status=status, title=_("Accounts"), form=form, error=error,
                  users=queries.all_users(db), providers=_providers_by_id(), link=link)


@bp.post("/accounts/<int:user_id>/<action>")
@coordinator_required
def user_action(user_id, action):
    """Disable, enable or re-invite an account."""
    if not _csrf_ok():
        abort_with(400, _("Je formulier was verlopen of onvolledig. Laad de pagina opnieuw en probeer nog eens."))
    db = get_db()
    now = clock.now()
    try:
        if action in ("uitschakelen", "inschakelen"):
            user = accounts.set_disabled(db, user_id, disabled=action == "uitschakelen", actor_id=current_user.id,
                                         now=now)
            flash(_("Account %(email)s uitgeschakeld. Alle sessies zijn beëindigd.", email=user["email"])
                  if action == "uitschakelen" else _("Account %(email)s werkt weer.", email=user["email"]))
        elif action == "uitnodigen":
            accounts.reinvite(db, user_id, now=now, actor_id=current_user.id)
            flash(_("Nieuwe uitnodiging verstuurd. De vorige link werkt niet meer."))
        else:
            abort_with(404, _("Deze actie bestaat niet."))
    except accounts.AccountError as exc:
        abort_with(exc.status, exc.message)
    return redirect(url_for("partners.users"), 303)


# --- providers ----------------------------------------------------------------------------


def _providers_by_id():
    from ..referral.providers import get_providers

    return {p.id: p for p in get_providers()}


def _provider_choices(exclude=None, only_active=True):
    return [(p.id, f"{p.name} ({_('trap %(step)s', step=p.step)})") for p in _providers_by_id().values()
            if p.id != exclude and (p.active or not only_active)]
