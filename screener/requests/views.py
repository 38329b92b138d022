"""Ask to be contacted: the form, the check before sending, the confirmation and withdrawal."""
import logging
import sqlite3

from flask import Blueprint, current_app, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded

from .. import clock, crypto
from ..campaigns import tracking as campaign_tracking
from ..db import get_db
from ..errors import abort_with, render_error
from ..extensions import csrf, current_language, limiter
from ..forms import csrf_expired
from ..web import absolute_url, no_store, render, to_page
from ..cases import queries
from ..cases.create import deadlines_config, format_deadline
from ..cases.vocabulary import MOMENT_LABELS, NOT_BEFORE_HOURS
from .forms import NOTE_MAX, RequestForm
from ..cases.providers import get_provider
from .submit import employer_services, is_urgent, plan, submit, withdraw as withdraw_request, case_for_token
from ..cases.workingtime import deadline_days
from ..followup import calendar as followup_calendar

bp = Blueprint("requests", __name__)
log = logging.getLogger(__name__)
DONE_KEY = "referral_done"  # the session remembers the last request so the confirmation survives a reload


def _remember_done(case_id, token):
    # Encrypted: the session cookie is only signed, and the withdrawal token must not be readable on the device.
    session[DONE_KEY] = crypto.encrypt({"case_id": case_id, "token": token})


def _remembered_done():
    value = session.get(DONE_KEY)
    opened = crypto.decrypt(value) if isinstance(value, str) else None
    return opened if isinstance(opened, dict) else {}


def _screening():
    from ..screening.current import screening_for_request

    return screening_for_request()


def _province_options():
    from ..screening.content import province_options

    return province_options()


def _read_form(screening):
    """The request form with what was posted (empty on a GET)."""
    return RequestForm(employer_ids={p.id for p in employer_services()}, urgent=is_urgent(screening))


def _show_form(form, screening, status=200, notice=None):
    """The form with every entered value and the problems next to their fields."""
    return no_store(make_response(render(
        "requests/_form.html", status=status, title=_("Vraag om gebeld te worden"), form=form, screening=screening,
        urgent=is_urgent(screening), urgent_days=deadline_days(urgent=True, step=None, deadlines=deadlines_config()),
        employers=employer_services(), provinces=_province_options(),
        moments=MOMENT_LABELS, not_before_hours=NOT_BEFORE_HOURS, note_max=NOTE_MAX, notice=notice)))


def _show_review(form, screening, status=200, notice=None, action_endpoint="requests.request_form"):
    """The check before sending: who will contact the worker, by when, and the consent."""
    chosen = plan(get_db(), form.details(), screening, clock.now())
    return no_store(make_response(render(
        "requests/_review.html", status=status, title=_("Kijk na en verstuur"), form=form, screening=screening,
        plan=chosen, due=format_deadline(chosen.due), provinces=dict(_province_options()), moments=MOMENT_LABELS,
        retention_days=current_app.config.get("CONTACT_RETENTION_DAYS", 90), notice=notice,
        action_url=url_for(action_endpoint))))


def send(form, screening, show_again):
    """Store a checked request and go to the confirmation; when storing fails, `show_again(form, screening,
    status, notice)` shows what was typed."""
    try:
        case, token = submit(get_db(), form.details(), screening, clock.now())
    except sqlite3.Error:
        # Nothing was written (one transaction); show the form again with everything that was typed.
        log.exception("request not stored")
        return show_again(form, screening, status=503, notice=_(
            "We konden je aanvraag nu niet bewaren. Er is niets verzonden. Je gegevens staan er nog: "
            "probeer het over een paar minuten opnieuw, of bel de nummers hieronder."))
    _remember_done(case["id"], token)
    campaign_tracking.count("request")  # a tally for the visitor's campaign of the day, never on the case
    return to_page(url_for("requests.done"))



def _too_many(_limit):
    # Over the limit: keep what was typed and say when to try again, instead of an error page.
    screening = _screening()
    return _show_form(_read_form(screening), screening, status=429,
                      notice=_("Je hebt dit heel vaak geprobeerd. Wacht een paar minuten en verstuur dan opnieuw. Je gegevens staan er nog."))


def _rate_limit():
    return current_app.config.get("REQUEST_RATE_LIMIT", "10 per minute; 30 per hour")


@bp.errorhandler(RateLimitExceeded)
def _rate_limited(exc):
    # The limiter raises with the response built by on_breach (the form, input kept).
    return exc.response if exc.response is not None else render_error(429)


@bp.route("/aanmelden", methods=["GET", "POST"])
@csrf.exempt  # checked below, so an expired token shows the form again with the input kept
@limiter.limit(_rate_limit, methods=["POST"], on_breach=_too_many)
def request_form():
    """The form to ask to be contacted; POST checks it, shows the summary, or sends it."""
    screening = _screening()
    form = _read_form(screening)
    if request.method == "GET":
        form.province.data = (screening or {}).get("province") or ""
        form.language.data = current_language()
        return _show_form(form, screening)
    if form.csrf_expired():
        notice = _("Je formulier was verlopen. Je gegevens staan er nog: kijk ze na en verstuur opnieuw.")
        return _show_form(form, screening, status=400, notice=notice)
    if form.website.data:
        return _show_form(form, screening, status=422,
                          notice=_("We konden je aanvraag niet verwerken. Kijk je gegevens na en verstuur opnieuw."))
    valid = form.validate()
    if form.action.data == "edit":
        form.forget_problems()
        return _show_form(form, screening)
    if set(form.problems) - {"consent"}:  # the form first; consent is asked on the check page
        form.forget_problems("consent")
        return _show_form(form, screening, status=422)
    if not form.sending or not valid:
        return _show_review(form, screening, status=200 if valid else 422)
    return send(form, screening, _show_form)


def _done_case():
    """(case, withdrawal token) of this browser's last request, or (None, None)."""
    remembered = _remembered_done()
    case = queries.get_case(get_db(), remembered.get("case_id")) if remembered.get("case_id") else None
    return (case, remembered["token"]) if case else (None, None)


@bp.get("/aanmelden/klaar")
def done():
    """The confirmation: reference, who will call, by when, what to do meanwhile, how to withdraw."""
    case, token = _done_case()
    if case is None:
        return redirect(url_for("requests.request_form"))
    if case["outcome"] == "withdrawn":  # back or reload after withdrawing: never say someone will still call
        return redirect(url_for("requests.withdraw", token=token))
    provider = get_provider(case["provider_id"]) if case["provider_id"] else None
    return no_store(make_response(render(
        "requests/_done.html", title=_("Je aanvraag is verstuurd"), case=case, provider=provider,
        due=format_deadline(clock.parse(case["due_at"])), questions_left=_questions_left(),
        withdraw_link=url_for("requests.withdraw", token=token),
        followup_calendar=followup_calendar.offered(case, crypto.decrypt(case["contact_encrypted"])))))


@bp.get("/aanmelden/klaar/opvolging.ics")
def followup_dates():
    """For a worker who may be asked later but left no e-mail address: the check-ins as calendar events with their links."""
    case, _token = _done_case()
    if case is None or not followup_calendar.offered(case, crypto.decrypt(case["contact_encrypted"])):
        return redirect(url_for("requests.done"))
    body = followup_calendar.calendar_file(get_db(), case, clock.now(), current_app.config)
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="zorgsamen-opvolging.ics"'
    return no_store(response)


@bp.get("/aanmelden/klaar/bewaren")
def keep():
    """The confirmation as a small text file to keep or print, also without JavaScript (no name, no number)."""
    case, token = _done_case()
    if case is None:
        return redirect(url_for("requests.request_form"))
    provider = get_provider(case["provider_id"]) if case["provider_id"] else None
    text = render_template("requests/done.txt", case=case, provider=provider,
                           due=format_deadline(clock.parse(case["due_at"])),
                           withdraw_link=absolute_url("requests.withdraw", token=token))
    response = make_response(text)
    response.headers["Content-Type"] = "text/plain; charset=utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="zorgsamen-{case["reference"]}.txt"'
    return no_store(response)


def _questions_left():
    # "Call me today" came in the middle of the screener: the worker may go on with the questions.
    from ..screening.current import own_screening

    screening = own_screening()
    return bool(screening and screening["status"] == "in_progress")


@bp.route("/aanmelden/intrekken/<token>", methods=["GET", "POST"])
@csrf.exempt  # checked below, so an expired token shows this page again
@limiter.limit(_rate_limit, methods=["POST"])
def withdraw(token):
    """The worker's secret link: GET asks to confirm (link scanners change nothing), POST withdraws."""
    db = get_db()
    case = case_for_token(db, token)
    if case is None:
        abort_with(404, _("Deze link klopt niet. Kijk of je de volledige link uit je bevestiging gebruikt."))
    if request.method == "POST":
        if csrf_expired():
            return no_store(make_response(render("requests/_withdraw.html", status=400, title=_("Aanvraag intrekken"),
                                                 case=case, token=token, withdrawn=False,
                                                 notice=_("Je formulier was verlopen. Probeer opnieuw."))))
        case = withdraw_request(db, token, clock.now())
    withdrawn = case["outcome"] == "withdrawn" or case["contact_erased_at"] is not None
    return no_store(make_response(render("requests/_withdraw.html", title=_("Aanvraag intrekken"), case=case,
                                         token=token, withdrawn=withdrawn, notice=None)))
