"""The check-in page behind an e-mailed link, and the page that stops the follow-up."""
from flask import Blueprint, make_response, request
from flask_babel import format_date, gettext as _

from .. import clock
from ..content import localized
from ..db import get_db
from ..errors import abort_with
from ..extensions import csrf
from ..forms import csrf_expired
from ..screening import content as screening_content
from ..web import no_store, render
from . import checkin as checkins
from .forms import SATISFACTION, checkin_form

bp = Blueprint("followup", __name__)


def _checkin_or_404(token):
    found = checkins.checkin_for_token(get_db(), token)
    if found is None:
        abort_with(404, _("Deze link klopt niet. Kijk of je de volledige link uit de e-mail gebruikt."))
    return found


def _gone(state):
    if state == checkins.ANSWERED:
        abort_with(410, _("Je hebt deze vragen al beantwoord. Dank je wel! Deze link werkt maar één keer."))
    if state == checkins.STOPPED:
        abort_with(410, _("Je vroeg om geen vragen meer te krijgen. Deze link werkt daarom niet meer."))
    abort_with(410, _("Deze link is verlopen. Je hoeft niets te doen. We sturen je geen vragen meer voor deze keer."))


def _page(form, token, status=200, notice=None):
    items, scales = checkins.items()
    safety = form[next(i for i in items if i["score"] == "safety")["id"]].data
    threshold = screening_content.get()["scoring"]["safety_crisis"]
    questions = [(item, [(str(o["value"]), localized(o)) for o in scales[item["scale"]]["options"]]) for item in items]
    return no_store(make_response(render(
        "followup/_checkin.html", status=status, title=_("Hoe gaat het nu met je?"), form=form, token=token,
        questions=questions, text=localized, satisfaction=SATISFACTION, threshold=threshold, notice=notice,
        safety_shown=safety is not None and safety.strip().isdigit() and int(safety) >= threshold)))


@bp.route("/opvolging/<token>", methods=["GET", "POST"])
@csrf.exempt  # checked below, so a page left open for long shows the answers again, not a dead end
def checkin(token):
    """One check-in: the screener's questions and three about the help; the link works once."""
    db = get_db()
    found = _checkin_or_404(token)
    now = clock.now()
    state = checkins.state(found, now)
    if state == checkins.NOT_YET:
        opens = format_date(clock.local_day(clock.parse(found["due_at"])), "EEEE d MMMM")
        return no_store(make_response(render("followup/_not_yet.html", title=_("Nog even geduld"), opens=opens)))
    if state != checkins.OPEN:
        _gone(state)
    items, scales = checkins.items()
    if request.method == "GET":
        return _page(checkin_form(items, scales, formdata=None), token)
    if csrf_expired():
        return _page(checkin_form(items, scales, meta={"csrf": False}), token, status=400,
                     notice=_("Je formulier was verlopen. Je antwoorden staan er nog: druk opnieuw op Versturen."))
    form = checkin_form(items, scales, meta={"csrf": False})
    if not form.validate():
        return _page(form, token, status=422)
    stored = checkins.submit(db, found, form.answers(), form.satisfaction(), form.remark.data, now)
    if stored is None:
        _gone(checkins.ANSWERED)
    return no_store(make_response(render("followup/_thanks.html", title=_("Dank je wel"), crisis=stored["crisis"])))


@bp.route("/opvolging/<token>/stop", methods=["GET", "POST"])
@csrf.exempt  # checked below, so an expired form shows this page again
def stop(token):
    """Stop the follow-up: GET asks to confirm (link scanners change nothing), POST withdraws the consent at once."""
    db = get_db()
    found = _checkin_or_404(token)
    notice = None
    if request.method == "POST":
        if csrf_expired():
            notice = _("Je formulier was verlopen. Probeer opnieuw.")
        else:
            checkins.stop(db, found, clock.now())
    status = 400 if notice else 200
    return no_store(make_response(render("followup/_stop.html", status=status, title=_("Geen vragen meer"),
                                         token=token, stopped=checkins.stopped(db, found), notice=notice)))
