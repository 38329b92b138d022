""""Niet nu" on a result: a calendar reminder, a private link back, "Wat houdt je tegen?", and the result as PDF.

The routes join the screener's blueprint (screening/__init__.py imports this module before registering it).
Nothing here stores anything about the worker: the reminder and the PDF are made on the fly, the link
carries its screening encrypted, and an answer is only a count per day, band and answer.
"""
from datetime import date
from urllib.parse import urlsplit

from flask import current_app, make_response, redirect, url_for
from flask_babel import format_date, gettext as _
from flask_wtf.csrf import CSRFError

from .. import clock
from ..content import localized
from ..db import get_db
from ..errors import abort_with
from ..extensions import csrf, current_language
from ..forms import CHECKED, csrf_expired
from ..tokens import new_token
from ..web import absolute_url, no_store
from . import barriers, content, current, keep, printout, queries, reminder, scoring
from .forms import BarrierForm
from .views import _page, bp, result_panel


def _completed_screening():
    """This browser's completed screening, or None."""
    screening = current.own_screening()
    return screening if screening and screening["status"] == "completed" else None


# --- the calendar reminder --------------------------------------------------------------------

@bp.get("/screener/herinnering/<when>.ics")
def reminder_ics(when):
    """An .ics with one calm reminder (tomorrow, in 3 days or in a week at 10:00); no score, nothing stored."""
    days = reminder.WHEN.get(when)
    if days is None:
        abort_with(404, _("Deze herinnering kennen we niet. Kies morgen, over 3 dagen of over een week."))
    now = clock.now()
    site = absolute_url("core.home")
    host = urlsplit(current_app.config["BASE_URL"]).hostname or "zorgsamen"
    body = reminder.calendar_file(
        reminder.starts_at(now, days), now, uid=f"{new_token(16)}@{host}",
        summary=_("Even aan mezelf denken"),
        description=_("Een kort moment voor jezelf. Hoe gaat het nu met je? Wil je praten, of even kijken "
                      "wat je kan doen? Op deze site kan dat rustig: %(url)s", url=site),
        url=site)
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="herinnering.ics"'
    return no_store(response)


# --- the private link back --------------------------------------------------------------------

@bp.get("/screener/resultaat/link")
def keep_link():
    """A page with a private link back to this result, valid for 14 days; nothing stored."""
    screening = _completed_screening()
    if screening is None:
        return redirect(url_for("screening.intro"))
    now = clock.now()
    link = absolute_url("screening.come_back", token=keep.link_token(screening["id"], now))
    return _page("screening/_keep.html", title=_("Een link naar je resultaat"), link=link, days=keep.KEEP_DAYS,
                 until=format_date(clock.local_day(keep.expires_on(now)), "d MMMM yyyy"))


@bp.get("/screener/terug/<token>")
def come_back(token):
    """Open a private link: this browser holds the screening again and sees its result; 410 when expired, 404 else."""
    screening_id, problem = keep.opened(token, clock.now())
    screening = queries.current_screening(get_db(), screening_id)
    if screening is None or screening["status"] != "completed":
        if problem == "expired":
            status, heading = 410, _("Deze link is verlopen")
            message = _("Een link naar je resultaat werkt %(days)s dagen. Je resultaat zie je dus niet meer terug. "
                        "Doe de screener gerust opnieuw: het duurt maar twee minuten.", days=keep.KEEP_DAYS)
        else:
            status, heading = 404, _("We vinden dit resultaat niet terug")
            message = _("Misschien is de link niet helemaal gekopieerd. Kijk hem na, of doe de screener "
                        "opnieuw: het duurt maar twee minuten.")
        return _page("screening/_gone.html", status=status, title=heading, heading=heading, message=message,
                     completed=False)
    current.remember(screening["id"])  # without the optional profile: the link does not carry it
    # Away from the address with the token: the result page has its own, plain address.
    return redirect(url_for("screening.result"), code=303)


# --- "Wat houdt je tegen?" ----------------------------------------------------------------------

@bp.app_template_global()
def barrier_question(chosen=None):
    """What the "Wat houdt je tegen?" panel shows: the question, the answers, and the chosen answer's reply."""
    data = content.get()["barriers"]
    answer = content.barrier(chosen) if chosen else None
    return {
        "question": localized(data["question"]), "hint": localized(data["hint"]),
        "options": content.barrier_options(), "chosen": answer["key"] if answer else None,
        "label": localized(answer) if answer else None,
        "reply": localized(answer["reply"]) if answer else None, "link": answer.get("link") if answer else None,
    }



@bp.post("/screener/resultaat/drempel")
@csrf.exempt  # checked below, like the screener's steps: an expired page shows the question again
def barrier():
    """Count one anonymous answer per result (day, band, answer) and show its reply; 422 for an unknown answer."""
    screening = _completed_screening()
    band = scoring.result_band(screening["band"], screening["crisis"]) if screening else None
    if csrf_expired():
        if not barriers.is_asked(band):
            raise CSRFError()  # the plain 400: there is no question to show again
        return result_panel("screening/_barrier.html", screening, status=400,
                              barrier_error=_("Je pagina was te lang open. Kies je antwoord nog eens."))
    if screening is None:
        abort_with(410, _("We vinden je resultaat niet meer terug. Doe de screener gerust opnieuw."))
    if not barriers.is_asked(band):
        abort_with(404, _("Deze vraag hoort niet bij je resultaat."))
    form = BarrierForm(options=dict(content.barrier_options()), meta=CHECKED)
    if not form.validate():
        return result_panel("screening/_barrier.html", screening, status=422, barrier_error=form.problems["answer"])
    answer = form.answer.data
    if barriers.is_counted(current.barrier_answer()):
        queries.add_tap(get_db(), "barrier", clock.local_day(clock.now()).isoformat(), band, answer)
    current.remember_barrier_answer(answer)
    return result_panel("screening/_barrier.html", screening, barrier=answer)


# --- the result as a PDF ------------------------------------------------------------------------

def _pdf_blocks(screening):
    """[(kind, text)] of the result: band, advice (what needs attention first), scores, the crisis numbers."""
    data = content.get()
    result = scoring.score(screening["answers"], data)
    band = data["bands"][result["band"]]
    levels = {level["key"]: localized(level) for level in data["scoring"]["phq4_levels"]}
    who5_level = {"very_low": _("heel laag"), "low": _("laag")}.get(result["who5_level"], _("goed"))
    blocks = [
        ("title", _("Mijn resultaat van de screener")),
        ("small", _("%(site)s · %(day)s", site=current_app.config["SITE_NAME"],
                    day=format_date(date.fromisoformat(screening["day"]), "d MMMM yyyy"))),
        ("band", localized(band["title"])),
        ("p", localized(band["text"])),
        ("h2", _("Tips voor jou")),
    ]
    for domain, entry in sorted(data["advice"].items(), key=lambda item: not result["concerns"][item[0]]):
        concern = result["concerns"][domain]
        blocks += [("h3", localized(entry["title"])), ("p", localized(entry["concern"] if concern else entry["ok"]))]
    blocks += [
        ("h2", _("Je scores")),
        ("p", f"{_('Spanning en somberheid (PHQ-4)')}: {result['phq4']} / 12, {levels[result['phq4_level']]}"),
        ("p", f"{_('Welbevinden (WHO-5)')}: {result['who5']} / 100, {who5_level}"),
        ("h2", _("Heb je nu hulp nodig? Je staat er niet alleen voor.")),
        ("p", _("Praat er vandaag nog over. Deze nummers zijn gratis en anoniem.")),
        ("p", f"1813  {_('Zelfmoordlijn, dag en nacht')}"),
        ("p", f"106  {_('Tele-Onthaal, om te praten')}"),
        ("p", f"112  {_('Noodgeval')}"),
        ("small", _("Dit is geen diagnose. Je antwoorden blijven anoniem.")),
        ("small", absolute_url("core.home")),
    ]
    return blocks


@bp.get("/screener/resultaat.pdf")
def result_pdf():
    """This browser's result as a PDF to keep or print, also without JavaScript; made on the fly, never stored."""
    screening = _completed_screening()
    if screening is None:
        return redirect(url_for("screening.intro"))
    body = printout.result_pdf(_("Mijn resultaat van de screener"), _pdf_blocks(screening), current_language(),
                               clock.now())
    response = make_response(body)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = 'inline; filename="mijn-resultaat.pdf"'
    return no_store(response)
