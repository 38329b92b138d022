"""Provider team views: the case list, the case page and its actions, the queue, the audit log.

Sign-in and the accounts page belong to the staff feature; these pages render inside its shell.
"""
from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _

from .. import audit, clock, crypto
from ..cases import actions as casework, queries, transitions
from ..cases import handover
from ..cases.handover import assign_case, refer_after
from ..cases.providers import get_providers
from ..cases.queries import get_case
from ..cases.vocabulary import CHANNEL_LABELS
from ..db import get_db
from ..errors import abort_with
from ..screening.content import province_options
from ..screening.queries import current_screening
from ..staff.auth import coordinator_required, current_user, member_required
from ..staff.blueprint import csrf_ok, provider_choices, providers_by_id
from ..staff.shell import render
from ..web import wants_fragment
from . import display
from .blueprint import bp
from .forms import AssignForm, AttemptForm, CloseForm, ReferForm
from .moments import first_contact_moment

__all__ = ["bp"]


@bp.get("/")
@member_required
def case_list():
    """The team's cases: a filter per status, overdue first, then by due time."""
    status = request.args.get("status", "open")
    if status not in queries.STATUS_FILTERS:
        abort_with(404, _("Deze filter bestaat niet."))
    now = clock.now()
    cases = queries.list_cases(get_db(), org_id=_scope(), status=status, now_iso=clock.iso(now))
    return render("partners/_case_list.html", title=_("Dossiers"), active=status, cases=cases, filter_key=status, now=now,
                  providers=providers_by_id())


@bp.get("/wachtrij")
@coordinator_required
def queue():
    """Requests that no provider matched: the coordinators route them."""
    now = clock.now()
    cases = queries.list_cases(get_db(), org_id=None, status="open", now_iso=clock.iso(now), unrouted_only=True)
    return render("partners/_queue.html", title=_("Wachtrij"), active="queue", cases=cases, now=now, providers=providers_by_id())


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


def _render_case(case, now, status=200, error=None, forms=None, moment="", refer_preview=None):
    db = get_db()
    forms = forms or {}
    refer = forms.get("refer") or ReferForm(formdata=None)
    refer.provider_id.choices = provider_choices(exclude=case["provider_id"])
    events = queries.case_events(db, case["id"])
    assign = AssignForm(formdata=None)
    assign.provider_id.choices = provider_choices()
    left = display.time_left(case, now)[1]
    return render(
        "partners/_case.html", status=status, title=_("Dossier %(reference)s", reference=case["reference"]),
        case=case, contact=crypto.decrypt(case["contact_encrypted"]) or {},
        moments=display.detail_items(case["preferred_moments"]) if case["preferred_moments"] else [],
        results=current_screening(db, case["screening_id"]) if case["share_results"] else None,
        events=events, chain=_chain(db, case), handed_over=handover.received(case, events),
        refer_targets=handover.refer_targets(get_providers(), case["province"], exclude=case["provider_id"]),
        province=dict(province_options()).get(case["province"]), refer_preview=refer_preview,
        overdue=transitions.is_overdue(case, clock.iso(now)), time_left=left,
        waiting=display.waiting_time(case, now), now=now, error=error,
        attempt=forms.get("attempt") or AttemptForm(formdata=None), refer=refer,
        close=forms.get("close") or CloseForm(formdata=None), assign=assign,
        providers=providers_by_id(), unreached=queries.unreached_attempts(db, case["id"]),
        min_attempts=current_app.config["PARTNER_MIN_ATTEMPTS"], moment=moment,
        undo_until=casework.undo_until(db, case, now) if case["status"] == "contacted" else None,
        one_tap_channel=case["preferred_channel"] if case["preferred_channel"] in CHANNEL_LABELS else "phone",
    )


def _chain(db, case):
    """Every case linked to this one by referral (ancestors and descendants), oldest first."""
    return sorted(queries.case_chain(db, case["id"]), key=lambda c: (c["created_at"], c["id"]))


@bp.post("/dossier/<token>/<action>")
@member_required
def case_action(token, action):
    """Claim, log an attempt (a reached one records first contact), undo a first contact, refer or close."""
    db = get_db()
    case = _case_or_404(token)
    now = clock.now()
    forms, detail, outcome, after, contact_at, conversations = {}, {}, None, None, None, None
    if action == "opnemen":
        name, valid = "claim", csrf_ok()
    elif action in ("poging", "bereikt"):
        # "bereikt" is the one-tap form on a claimed case: an attempt that reached the worker, by default now.
        form = AttemptForm()
        if action == "poging":
            forms["attempt"] = form
        name, valid = "attempt", form.validate()
        detail = {"channel": form.channel.data, "reached": 1 if form.reached.data == "yes" else 0,
                  "note": (form.note.data or "").strip() or None}
        contact_at, problem = first_contact_moment(form.moment.data, now=now, created_at=clock.parse(case["created_at"]))
        if problem and action == "bereikt":
            return _render_case(case, now, status=422, error=_MOMENT_PROBLEMS[problem](), moment=form.moment.data)
        if problem:
            form.moment.errors = [_MOMENT_PROBLEMS[problem]()]
            valid = False
    elif action == "eerste-contact":
        name, valid = "first_contact", csrf_ok()
        contact_at, problem = first_contact_moment(request.form.get("moment"), now=now,
                                                   created_at=clock.parse(case["created_at"]))
        if problem:
            return _render_case(case, now, status=422, error=_MOMENT_PROBLEMS[problem](),
                                moment=request.form.get("moment", "")[:40])
    elif action == "ongedaan-maken":
        name, valid = "undo_contact", csrf_ok()
    elif action == "afsluiten":
        form = forms["close"] = CloseForm()
        name, valid, outcome = "close", form.validate(), form.outcome.data
        conversations = form.conversation_count() if valid else None
    elif action == "doorverwijzen":
        return _refer(db, case, now)
    else:
        abort_with(404, _("Deze actie bestaat niet."))
    if not valid:
        return _render_case(case, now, status=422, error=_("Kijk het formulier na."), forms=forms)
    try:
        casework.act(db, case["id"], name, user_id=current_user.id, now=now, outcome=outcome, detail=detail,
                     after=after, contact_at=contact_at, conversations=conversations)
    except casework.CaseRefused as exc:
        return _render_case(get_case(db, case["id"]), now, status=exc.status, error=exc.message)
    if transitions.records_first_contact(name, case, reached=detail.get("reached")):
        name = "first_contact"  # a reached attempt: the team is told the clock stopped
    return _done(db, case, now, _ACTION_DONE[name]())


_MOMENT_PROBLEMS = {
    "invalid": lambda: _("Dit tijdstip konden we niet lezen. Kies een datum en een uur."),
    "future": lambda: _("Dit tijdstip ligt in de toekomst. Noteer het contact als het gebeurd is."),
    "before_request": lambda: _("Dit tijdstip ligt voor de aanmelding. Kijk de datum na."),
}

_ACTION_DONE = {
    "claim": lambda: _("Je hebt dit dossier opgenomen."),
    "attempt": lambda: _("De contactpoging is genoteerd."),
    "first_contact": lambda: _("Het eerste contact is genoteerd. De wachttijd stopt hier."),
    "undo_contact": lambda: _("Het eerste contact is ongedaan gemaakt. De wachttijd loopt weer."),
    "close": lambda: _("Het dossier is afgesloten."),
    "refer": lambda: _("Doorverwezen. De nieuwe organisatie kreeg een e-mail."),
}


def _refer(db, case, now):
    """Refer in two steps: the form, then a confirmation naming the organisation and its deadline.

    Only a post with `confirm` refers; "Terug" (`back`) shows the form again with what was filled in.
    """
    form = ReferForm()
    form.provider_id.choices = provider_choices(exclude=case["provider_id"])
    forms = {"refer": form}
    if not (form.validate() and _valid_provider(form.provider_id.data, form)):
        return _render_case(case, now, status=422, error=_("Kijk het formulier na."), forms=forms)
    if request.form.get("back"):
        return _render_case(case, now, forms=forms)
    try:
        if form.confirm.data != "1":
            return _render_case(case, now, forms=forms,
                                refer_preview=handover.preview(case, form.provider_id.data, now))
        casework.act(db, case["id"], "refer", user_id=current_user.id, now=now,
                     detail={"provider_id": form.provider_id.data, "agreed_via": form.agreed_via.data},
                     after=refer_after(form.provider_id.data, current_user.id, agreed_via=form.agreed_via.data,
                                       note=form.note.data or None))
    except casework.CaseRefused as exc:
        return _render_case(get_case(db, case["id"]), now, status=exc.status, error=exc.message)
    return _done(db, case, now, _ACTION_DONE["refer"]())


def _done(db, case, now, message):
    """After an action: htmx swaps in the updated case at once; a plain form posts, redirects, gets."""
    flash(message)
    if wants_fragment():
        return _render_case(get_case(db, case["id"]), now)
    return redirect(url_for("partners.case_detail", token=case["reference"]), 303)


def _valid_provider(provider_id, form):
    provider = providers_by_id().get(provider_id)
    if provider is None or not provider.active:
        form.provider_id.errors = list(form.provider_id.errors) + [_("Kies een organisatie uit de lijst.")]
        return False
    return True


@bp.post("/dossier/<token>/toewijzen")
@coordinator_required
def assign(token):
    """Route a case from the coordinators' queue to a provider, who is notified."""
    db = get_db()
    case = _case_or_404(token)
    now = clock.now()
    form = AssignForm()
    form.provider_id.choices = provider_choices()
    if not form.validate() or not _valid_provider(form.provider_id.data, form):
        return _render_case(case, now, status=422, error=_("Kies een organisatie uit de lijst."))
    try:
        assign_case(db, case["id"], form.provider_id.data, user_id=current_user.id, now=now)
    except casework.CaseRefused as exc:
        return _render_case(get_case(db, case["id"]), now, status=exc.status, error=exc.message)
    return _done(db, case, now, _("Toegewezen. De organisatie kreeg een e-mail."))


@bp.get("/dossier/<token>/audit")
@coordinator_required
def case_audit(token):
    """Who saw or changed this case, and when."""
    case = _case_or_404(token)
    return render("partners/_audit.html", title=_("Logboek %(reference)s", reference=case["reference"]),
                  case=case, entries=audit.for_case(get_db(), case["id"]))
