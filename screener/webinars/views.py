"""Webinar pages: the public list, a session, its .ics and live page with questions; the coordinators'
session form and moderation page (under /partners, so staff pages are no visits)."""
from flask import Blueprint, Response, current_app, make_response, redirect, render_template, request, url_for
from flask_babel import format_date, format_time, gettext as _
from flask_limiter.errors import RateLimitExceeded

from .. import clock
from ..db import get_db
from ..errors import abort_with, render_error
from ..extensions import limiter
from ..staff import shell
from ..staff.auth import coordinator_required, current_user
from ..visits.rules import is_bot
from ..web import absolute_url, render, wants_fragment
from . import ics, live, queries, rules
from .forms import QuestionForm, SessionForm

bp = Blueprint("webinars", __name__, url_prefix="/webinars")
admin = Blueprint("webinar_admin", __name__, url_prefix="/partners/webinars")
POLL = "every 3s"


def when(moment):
    """A start as Belgian date and time, in the visitor's language."""
    return f"{format_date(moment, 'full')}, {format_time(moment, 'HH:mm')}"


def _helpers(now):
    return {"when": when, "phase_of": lambda s: rules.phase(s["starts"], s["minutes"], now),
            "host_of": rules.host_of, "poll": POLL}


def _session_or_404(session_id):
    session = queries.get_session(get_db(), session_id)
    if session is None:
        abort_with(404, _("Deze sessie bestaat niet (meer). Bekijk alle webinars."))
    return session


# --- public -----------------------------------------------------------------------------------

@bp.get("")
def index():
    """Live now, upcoming and past sessions."""
    now = clock.now()
    grouped = {rules.UPCOMING: [], rules.LIVE: [], rules.PAST: []}
    for session in queries.all_sessions(get_db()):
        grouped[rules.phase(session["starts"], session["minutes"], now)].append(session)
    grouped[rules.PAST].reverse()  # the most recent first
    staff = current_user.is_authenticated and current_user.is_coordinator
    return render("webinars/_index.html", title=_("Webinars"), grouped=grouped, staff=staff, **_helpers(now))


@bp.get("/<int:session_id>")
def session_page(session_id):
    """One session: what it is about, when, the calendar file; the recording afterwards."""
    now = clock.now()
    session = _session_or_404(session_id)
    return render("webinars/_session.html", title=session["title"], session=session, **_helpers(now))


@bp.get("/<int:session_id>/agenda.ics")
def calendar(session_id):
    """The session as an .ics file for your calendar."""
    session = _session_or_404(session_id)
    body = ics.calendar_file(session, absolute_url("webinars.session_page", session_id=session_id), clock.now())
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="webinar-{session_id}.ics"'})


@bp.get("/<int:session_id>/live")
def live_page(session_id):
    """The live page: the player behind a click, the questions, the form to ask one."""
    now = clock.now()
    session = _session_or_404(session_id)
    if rules.phase(session["starts"], session["minutes"], now) == rules.LIVE and not is_bot(request.headers.get("User-Agent")):
        live.count_viewer(get_db(), session_id, now, request.remote_addr, request.headers.get("User-Agent"))
    return _live(session, now, QuestionForm())


def _live(session, now, form, outcome=None, notice=None, status=200):
    questions = rules.viewer_order(queries.questions(get_db(), session["id"]))
    return render("webinars/_live.html", status=status, title=session["title"], session=session, form=form,
                  outcome=outcome, notice=notice, questions=questions, **_helpers(now))


@bp.get("/<int:session_id>/vragen")
def question_list(session_id):
    """The approved questions (polled by the live page)."""
    now = clock.now()
    session = _session_or_404(session_id)
    return _questions(session, now)


def _questions(session, now, notice=None, status=200):
    questions = rules.viewer_order(queries.questions(get_db(), session["id"]))
    return render("webinars/_questions.html", status=status, title=session["title"], session=session,
                  questions=questions, notice=notice, **_helpers(now))


def _question_limit():
    return current_app.config["WEBINAR_QUESTION_LIMIT"]


def _too_many(_limit):
    session = _session_or_404(request.view_args["session_id"])
    form = QuestionForm()
    form.validate()  # keep what was typed
    notice = _("Je stelde net heel wat vragen. Wacht een paar minuten en probeer dan opnieuw. Je vraag staat er nog.")
    return make_response(_ask_response(session, clock.now(), form, "limited", notice, 429))


@bp.errorhandler(RateLimitExceeded)
def _rate_limited(exc):
    return exc.response if exc.response is not None else render_error(429)


@bp.post("/<int:session_id>/vragen")
@limiter.limit(_question_limit, on_breach=_too_many)
def ask(session_id):
    """Ask a question: held for the moderator; one about suicide or self-harm shows the crisis numbers."""
    now = clock.now()
    session = _session_or_404(session_id)
    form = QuestionForm()
    if rules.phase(session["starts"], session["minutes"], now) != rules.LIVE:
        return _ask_response(session, now, form, "closed", _("Vragen stellen kan alleen tijdens de sessie."), 409)
    if not form.validate():
        return _ask_response(session, now, form, None, None, 422)
    flagged = live.ask(get_db(), session_id, form.text.data, form.name.data, now)
    return _ask_response(session, now, QuestionForm(formdata=None), "held" if flagged else "sent", None, 200)


def _ask_response(session, now, form, outcome, notice, status):
    if wants_fragment():
        return render("webinars/_ask.html", status=status, session=session, form=form, outcome=outcome,
                      notice=notice, **_helpers(now))
    return _live(session, now, form, outcome, notice, status)


@bp.post("/vraag/<int:question_id>/stem")
def vote(question_id):
    """One vote per question per browser (and day); the list comes back with a short notice."""
    now = clock.now()
    db = get_db()
    question = queries.get_question(db, question_id)
    if question is None or question["status"] != "approved":
        abort_with(404, _("Op deze vraag kun je niet (meer) stemmen."))
    counted = live.vote(db, question, now, request.remote_addr, request.headers.get("User-Agent"))
    notice = _("Je stem is geteld.") if counted else _("Je stemde al op deze vraag.")
    session = _session_or_404(question["session_id"])
    if wants_fragment():
        return _questions(session, now, notice)
    return _live(session, now, QuestionForm(formdata=None), notice=notice)


# --- coordinators -----------------------------------------------------------------------------

@admin.get("")
@coordinator_required
def sessions():
    """Every session, with links to moderate and edit."""
    now = clock.now()
    db = get_db()
    return shell.render("webinars/_admin_list.html", title=_("Webinars beheren"), active="webinars",
                        sessions=list(reversed(queries.all_sessions(db))), counts=queries.counts(db), **_helpers(now))


@admin.route("/nieuw", methods=["GET", "POST"])
@coordinator_required
def new_session():
    """Create a session."""
    return _edit(None)


@admin.route("/<int:session_id>/bewerken", methods=["GET", "POST"])
@coordinator_required
def edit_session(session_id):
    """Change a session, e.g. add the recording afterwards."""
    return _edit(_session_or_404(session_id))


def _edit(session):
    form = SessionForm(zone=clock.BRUSSELS)
    if request.method == "GET" and session:
        local = session["starts"].astimezone(clock.BRUSSELS)
        for name in ("title", "speaker", "description", "stream_url", "recording_url"):
            form[name].data = session[name] or ""
        form.day.data, form.time.data = local.strftime("%Y-%m-%d"), local.strftime("%H:%M")
        form.minutes.data = str(session["minutes"])
    if request.method == "POST":
        if form.validate():
            session_id = live.save_session(get_db(), session and session["id"], form.values(), clock.now())
            return redirect(url_for("webinar_admin.moderate", session_id=session_id), 303)
        status = 422
    else:
        status = 200
    title = _("Sessie bewerken") if session else _("Nieuwe sessie")
    return shell.render("webinars/_admin_form.html", status=status, title=title, active="webinars",
                        form=form, session=session, page_title=title)


@admin.get("/<int:session_id>")
@coordinator_required
def moderate(session_id):
    """The moderation page: new questions appear by themselves; counts of this session."""
    session = _session_or_404(session_id)
    return _moderation(session, "webinars/_moderate.html")


@admin.get("/<int:session_id>/vragen")
@coordinator_required
def moderation_list(session_id):
    """The questions and counts (polled by the moderation page)."""
    return _moderation(_session_or_404(session_id), "webinars/_moderate_questions.html")


def _moderation(session, template, status=200):
    now = clock.now()
    db = get_db()
    questions = rules.moderator_order(queries.questions(db, session["id"]))
    context = dict(session=session, questions=questions, counts=queries.counts(db, session["id"]).get(session["id"]), **_helpers(now))
    if wants_fragment():  # the polled list alone: the shell would bring the navigation into it
        return render_template(template, **context), status
    return shell.render(template, status=status, title=session["title"], active="webinars", **context)


@admin.post("/vraag/<int:question_id>/<action>")
@coordinator_required
def act(question_id, action):
    """Approve, star, mark answered or hide a question."""
    db = get_db()
    question = queries.get_question(db, question_id)
    if question is None or action not in rules.ACTIONS:
        abort_with(404, _("Deze vraag of actie bestaat niet."))
    session = _session_or_404(question["session_id"])
    if not live.moderate(db, question, action):
        return _moderation(session, "webinars/_moderate_questions.html", 409)
    if wants_fragment():
        return _moderation(session, "webinars/_moderate_questions.html")
    return redirect(url_for("webinar_admin.moderate", session_id=session["id"]), 303)
