"""The coordinators' accounts page: invite, disable, enable, re-invite."""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from .. import clock
from ..db import get_db
from ..errors import abort_with
from . import accounts, queries
from .auth import coordinator_required, current_user
from .blueprint import bp, csrf_ok, provider_choices, providers_by_id
from .forms import InviteUserForm
from .shell import render


@bp.route("/accounts", methods=["GET", "POST"])
@coordinator_required
def users():
    """Every account; invite a new one."""
    db = get_db()
    form = InviteUserForm()
    form.org_id.choices = [("", _("Kies een organisatie"))] + provider_choices(only_active=False)
    status, error = 200, None
    if request.method == "POST":
        if form.validate():
            try:
                accounts.invite(db, email=form.email.data, role=form.role.data, org_id=form.org_id.data or None,
                                name=(form.name.data or "").strip() or None, now=clock.now(),
                                actor_id=current_user.id)
                flash(_("Uitnodiging verstuurd naar %(email)s.", email=form.email.data.strip().lower()))
                return redirect(url_for("staff.users"), 303)
            except accounts.AccountError as exc:
                error, status = exc.message, exc.status
        else:
            status = 422
    return render("staff/_users.html", status=status, title=_("Accounts"), active="users", form=form, error=error,
                  users=queries.all_users(db), providers=providers_by_id(), role_labels=accounts.ROLE_LABELS)


@bp.post("/accounts/<int:user_id>/<action>")
@coordinator_required
def user_action(user_id, action):
    """Disable, enable or re-invite an account."""
    if not csrf_ok():
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
    return redirect(url_for("staff.users"), 303)
