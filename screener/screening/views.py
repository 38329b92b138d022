"""Screener views: intro, one question per screen, the optional profile, the results."""

from flask import Blueprint, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from .. import clock
from ..campaigns import tracking as campaign_tracking
from ..campaigns.rules import RETURNING_FIELD
from ..content import localized
from ..db import get_db
from ..errors import abort_with
from ..extensions import csrf, current_language
from ..clock import local_day
from ..forms import CHECKED, csrf_expired
from ..tokens import new_token
from ..web import no_store, render, wants_fragment
from . import content, current, flow, queries, scoring
from .forms import AnswerForm, ProfileForm

bp = Blueprint("screening", __name__)


def _page(partial, status=200, title=None, push_url=None, **context):
    """Render a screener screen (fragment or page), never cached; an htmx swap may move the address bar."""
    title = title or _("Screener")
    # `title` reaches only the full page; the fragment gets it as `screen_title` for document.title.
    response = make_response(render(partial, status=status, title=title, screen_title=title, **context))
    if push_url and wants_fragment():
        response.headers["HX-Push-Url"] = push_url
    return no_store(response)


def _go(url):
    """After a successful step without htmx: post/redirect/get, so a reload never posts twice."""
    return redirect(url, code=303)


def _own_screening():
    """This browser's screening (any status) or None."""
    return current.own_screening()


def _gone(status):
    """A clear page when a step cannot be stored: 409 after completion, 410 when the run is gone."""
    if status == 409:
        heading = _("Je hebt de screener al ingevuld")
        message = _("Je antwoorden zijn bewaard en je resultaat staat klaar. Wil je de vragen opnieuw doen? Begin dan opnieuw.")
    else:
        heading = _("We vinden je antwoorden niet meer terug")
        message = _("Misschien duurde het even, of is je sessie verlopen. Dat is niet erg: begin gerust opnieuw. Het duurt maar twee minuten.")
    return _page("screening/_gone.html", status=status, title=heading, heading=heading, message=message,
                 completed=status == 409)


def _question_url(number):
    return url_for("screening.question", number=number)


def _next_url(number, items):
    return _question_url(number + 1) if number < len(items) else url_for("screening.profile")


def _resume_url(screening):
    """Where an unfinished run goes on: its first unanswered question, else the last screen."""
    gap = flow.first_unanswered(content.get()["items"], screening["answers"])
    return _question_url(gap) if gap else url_for("screening.profile")


def _advance(screening, number):
    """Where a browser goes instead of item `number` (the first unanswered one), or None when it may be shown."""
    if flow.may_show(number, content.get()["items"], screening["answers"]):
        return None
    return _resume_url(screening)


@bp.get("/screener")
def intro():
    """Start page of the screener: what to expect, and where you were if you started before."""
    screening = _own_screening()
    resume_url = _resume_url(screening) if screening and screening["status"] == "in_progress" else None
    return _page("screening/_intro.html", title=_("Screener"), screening=screening, resume_url=resume_url,
                 total=len(content.get()["items"]))


@bp.post("/screener/start")
def start():
    """Start a new anonymous run; an unfinished earlier run of this browser becomes abandoned."""
    items = content.get()["items"]
    screening_id = new_token(18)
    now = clock.now()
    queries.start_screening(get_db(), screening_id, current_language(), items[0]["id"], local_day(now).isoformat(),
                            clock.iso(now), previous_id=current.remembered().get("id"))
    current.remember(screening_id)
    campaign_tracking.count("screening_started")
    if wants_fragment():
        return _question(number=1, screening=queries.current_screening(get_db(), screening_id),
                         push_url=_question_url(1))
    return _go(_question_url(1))


@bp.post("/screener/opnieuw")
def restart():
    """Start over: an unfinished run is marked abandoned and this browser forgets its answers."""
    screening_id = current.forget()
    if screening_id:
        queries.abandon_screening(get_db(), screening_id)
    return redirect(url_for("screening.intro"), code=303)


def _question(number, screening, error=None, submitted=None, status=200, push_url=None):
    """Render question `number` with the stored (or just submitted) answer checked."""
    data = content.get()
    items = data["items"]
    item = items[number - 1]
    scale = data["scales"][item["scale"]]
    chosen = submitted if submitted is not None else screening["answers"].get(item["id"])
    threshold = data["scoring"]["safety_crisis"]
    try:  # a re-shown form carries the answer as text: the crisis box must follow it all the same
        chosen_value = flow.parse_choice(chosen, scale) if chosen is not None else None
    except flow.InvalidAnswer:
        chosen_value = None
    return _page(
        "screening/_question.html", status=status, push_url=push_url,
        title=_("Vraag %(number)s van %(total)s", number=number, total=len(items)),
        item=item, number=number, total=len(items), text=localized,
        options=[(o["value"], localized(o), str(o["value"]) == str(chosen)) for o in scale["options"]],
        error=error,
        is_safety=item["score"] == "safety", threshold=threshold,
        safety_shown=item["score"] == "safety" and scoring.is_crisis(chosen_value, data["scoring"]),
        back_url=_question_url(number - 1) if number > 1 else url_for("screening.intro"),
        action_url=_question_url(number),
    )


@bp.get("/screener/vraag/<int:number>")
def question(number):
    """One question on its own screen, with progress and a back link that keeps answers."""
    screening = _own_screening()
    if screening is None or screening["status"] == "abandoned":
        return redirect(url_for("screening.intro"))
    if screening["status"] == "completed":
        return redirect(url_for("screening.result"))
    items = content.get()["items"]
    if not 1 <= number <= len(items):
        return _gone_404()
    elsewhere = _advance(screening, number)
    if elsewhere:
        return redirect(elsewhere)
    queries.show_item(get_db(), screening["id"], items[number - 1]["id"], clock.iso(clock.now()))
    return _question(number, screening)


def _gone_404():
    abort_with(404, _("Deze vraag bestaat niet. Begin bij de eerste vraag van de screener."))


def _expired_question(number):
    """The question again with the answer kept (400) when its page outlived the form's token; else the plain 400."""
    screening = _own_screening()
    items = content.get()["items"]
    if (screening is None or screening["status"] != "in_progress" or not 1 <= number <= len(items)
            or _advance(screening, number)):
        raise CSRFError()
    return _question(number, screening, error=_("Je formulier was verlopen. Je antwoord staat er nog: druk opnieuw op Volgende."),
                     submitted=request.form.get("answer"), status=400)


@bp.post("/screener/vraag/<int:number>")
@csrf.exempt  # checked below, so a page left open for hours shows the question again, not a dead end
def answer(number):
    """Store the answer to question `number` and show the next screen; 422 with the question again when invalid."""
    if csrf_expired():
        return _expired_question(number)
    screening = _own_screening()
    if screening is None or screening["status"] == "abandoned":
        return _gone(410)
    if screening["status"] == "completed":
        return _gone(409)
    data = content.get()
    items = data["items"]
    if not 1 <= number <= len(items):
        return _gone_404()
    elsewhere = _advance(screening, number)
    if elsewhere:
        return redirect(elsewhere, code=303)
    item = items[number - 1]
    form = AnswerForm(scale=data["scales"][item["scale"]], meta=CHECKED)
    if not form.validate():
        return _question(number, screening, error=form.problems["answer"], status=422)
    value = form.value
    crisis = scoring.is_crisis(value, data["scoring"]) if item["score"] == "safety" else None
    next_item = items[number]["id"] if number < len(items) else flow.PROFILE_STEP
    screening = queries.record_answers(get_db(), screening["id"], {item["id"]: value}, next_item,
                                       clock.iso(clock.now()), crisis=crisis)
    if screening is None:
        return _gone(409)
    if crisis:  # a screen of its own first: "call me today", the crisis numbers, then on with the questions
        return _go(url_for("screening.safety")) if not wants_fragment() else _safety(screening, push_url=url_for("screening.safety"))
    next_url = _next_url(number, items)
    if not wants_fragment():
        return _go(next_url)
    if number < len(items):
        return _question(number + 1, screening, push_url=next_url)
    return _profile(screening, push_url=next_url)


def _safety(screening, push_url=None):
    return _page("screening/_safety.html", push_url=push_url, title=_("Dank je dat je het zegt"),
                 next_url=_resume_url(screening))


@bp.get("/screener/steun")
def safety():
    """Right after a positive safety answer: acknowledge it, offer a call today and the crisis numbers."""
    screening = _own_screening()
    if screening is None or screening["status"] != "in_progress" or not screening["crisis"]:
        return redirect(url_for("screening.intro"))
    return _safety(screening)


def _profile(screening, values=None, errors=None, status=200, push_url=None, notice=None):
    """Render the optional last screen: gender, sector, province, each with "zeg ik liever niet"."""
    data = content.get()
    items = data["items"]
    fields = [(field, localized(entry["label"]), content.profile_options(field)) for field, entry in data["profile"].items()]
    return _page(
        "screening/_profile.html", status=status, push_url=push_url, title=_("Over jou"),
        fields=fields, values=values or {}, errors=errors or {},
        back_url=_question_url(len(items)), notice=notice,
    )


def _expired_profile(screening):
    """The profile screen again with the choices kept (400) when its page outlived the form's token; else the plain 400."""
    data = content.get()
    if screening is None or screening["status"] != "in_progress" or flow.first_unanswered(data["items"], screening["answers"]):
        raise CSRFError()
    return _profile(screening, values={k: request.form.get(k) for k in data["profile"]}, status=400,
                    notice=_("Je formulier was verlopen. Je keuzes staan er nog: druk opnieuw op Toon mijn resultaat."))


@bp.route("/screener/over-jou", methods=["GET", "POST"])
@csrf.exempt  # checked below, like the questions: an expired page keeps the choices
def profile():
    """The optional last screen; submitting it (with or without answers) completes the screener."""
    screening = _own_screening()
    if request.method == "POST" and csrf_expired():
        return _expired_profile(screening)
    if screening is None or screening["status"] == "abandoned":
        return redirect(url_for("screening.intro")) if request.method == "GET" else _gone(410)
    if screening["status"] == "completed":
        return redirect(url_for("screening.result")) if request.method == "GET" else _gone(409)
    data = content.get()
    gap = flow.first_unanswered(data["items"], screening["answers"])
    if gap:
        return redirect(_question_url(gap), code=303)
    if request.method == "GET":
        queries.show_item(get_db(), screening["id"], flow.PROFILE_STEP, clock.iso(clock.now()))
        return _profile(screening)
    form = ProfileForm(profile=data["profile"], meta=CHECKED)
    if not form.validate():
        return _profile(screening, values=form.typed, errors=form.problems, status=422)
    values = form.choices()
    result = scoring.score(screening["answers"], data)
    if not queries.complete_screening(get_db(), screening["id"], values, result):
        return _gone(409)
    current.remember(screening["id"], values)  # only here, encrypted: never stored with the run
    campaign_tracking.screening_completed(request.form.get(RETURNING_FIELD))
    if not wants_fragment():
        return _go(url_for("screening.result"))
    return _result(queries.current_screening(get_db(), screening["id"]), push_url=url_for("screening.result"))


def _result(screening, push_url=None, status=200, **extra):
    """The result page; `extra` adds to its context (the "niet nu" answer)."""
    data = content.get()
    result = scoring.score(screening["answers"], data)
    band = data["bands"][result["band"]]
    advice = [
        {"domain": domain, "title": localized(entry["title"]), "concern": result["concerns"][domain],
         "text": localized(entry["concern"] if result["concerns"][domain] else entry["ok"])}
        for domain, entry in data["advice"].items()
    ]
    advice.sort(key=lambda a: not a["concern"])  # what needs attention first
    levels = {level["key"]: localized(level) for level in data["scoring"]["phq4_levels"]}
    return _page(
        "screening/_result.html", status=status, push_url=push_url, title=localized(band["title"]),
        band=result["band"], band_title=localized(band["title"]), band_text=localized(band["text"]),
        crisis=bool(screening["crisis"]), result=result, advice=advice, rules=data["scoring"],
        phq4_level=levels[result["phq4_level"]],
        phq4_ranges="; ".join(f"{low}–{high}: {localized(level)}"
                              for low, high, level in scoring.level_ranges(data["scoring"]["phq4_levels"])),
        sources=[localized(entry["citation"]) if isinstance(entry["citation"], dict) else entry["citation"]
                 for entry in data["sources"].values()], **extra,
    )


def result_panel(partial, screening, status=200, **context):
    """A panel of the result page after its tap: alone for an htmx swap (the card stays), else the whole page."""
    if wants_fragment():
        return no_store(make_response(render_template(partial, **context), status))
    return _result(screening, status=status, **context)


@bp.get("/screener/resultaat")
def result():
    """The results: the band in plain words, advice per domain, next steps, scores on request."""
    screening = _own_screening()
    if screening is None or screening["status"] != "completed":
        return redirect(url_for("screening.intro"))
    return _result(screening)
