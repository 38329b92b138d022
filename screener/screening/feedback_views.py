""""Had je iets aan dit resultaat?" on every result: one anonymous tap, counted per day, band and answer.

The route joins the screener's blueprint (screening/__init__.py imports this module before registering it).
Nothing ties an answer to its screening: the browser keeps its answer in the encrypted session, only so
that a second tap on the same result is not counted again.
"""
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from .. import clock
from ..db import get_db
from ..errors import abort_with
from ..extensions import csrf
from ..forms import CHECKED, csrf_expired
from . import current, feedback, queries, scoring
from .forms import ResultFeedbackForm
from .views import bp, result_panel


@bp.app_template_global()
def result_feedback_question(chosen=None):
    """What the "Had je iets aan dit resultaat?" panel shows: the answers, the chosen one and its reply."""
    return {"options": list(feedback.ANSWERS.items()), "chosen": chosen if chosen in feedback.ANSWERS else None,
            "reply": feedback.REPLIES.get(chosen)}



@bp.post("/screener/resultaat/nuttig")
@csrf.exempt  # checked below, like the screener's steps: an expired page shows the question again
def result_feedback():
    """Count one anonymous answer per result (day, band, answer) and thank the worker; 422 for an unknown answer."""
    screening = current.own_screening()
    if screening is not None and screening["status"] != "completed":
        screening = None
    if csrf_expired():
        if screening is None:
            raise CSRFError()  # the site's plain 400: there is no question to show again
        return result_panel("screening/_useful.html", screening, status=400,
                      feedback_error=_("Je pagina was te lang open. Kies je antwoord nog eens."))
    if screening is None:
        abort_with(410, _("We vinden je resultaat niet meer terug. Doe de screener gerust opnieuw."))
    form = ResultFeedbackForm(meta=CHECKED)
    if not form.validate():
        return result_panel("screening/_useful.html", screening, status=422, feedback_error=form.problems["answer"])
    answer = form.answer.data
    if feedback.is_counted(current.feedback_answer()):
        band = scoring.result_band(screening["band"], screening["crisis"])
        queries.add_tap(get_db(), "feedback", clock.local_day(clock.now()).isoformat(), band, answer)
    current.remember_feedback_answer(answer)
    return result_panel("screening/_useful.html", screening, feedback=answer)
