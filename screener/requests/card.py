"""The short request card on the screener's result (and "call me today" after the safety question).

With JavaScript the card shows who will contact the worker and by when as they choose, and sends
at once; without it, the check page follows (one screen) before sending.
"""
from flask import make_response, request
from flask_babel import gettext as _

from .. import clock
from ..cases.create import format_deadline
from ..db import get_db
from ..extensions import csrf, current_language, limiter
from ..web import no_store, render, wants_fragment
from .forms import CardForm
from .submit import employer_services, is_urgent, plan, wants_today
from .views import _province_options, _rate_limit, _screening, _show_review, bp, send


def _card_form(screening, blank=False):
    """The card's form: the posted values, or (blank) the defaults: choose for me, the language of the page
    and the province of "about you"."""
    form = CardForm(formdata=None if blank else request.form, employer_ids={p.id for p in employer_services()},
                    urgent=is_urgent(screening))
    if blank:
        form.choice.data, form.language.data = "auto", current_language()
        form.province.data = (screening or {}).get("province") or ""
    return form


def card_context(today=False, form=None, screening=None, notice=None):
    """What the card template needs: the form, the routing choices and who would contact the worker.

    Without a form: a blank card for this browser's screening (the result page, "call me today")."""
    if form is None:
        screening = _screening()
        form = _card_form(screening, blank=True)
        form.today.data = "1" if today else ""
    chosen = plan(get_db(), form.details(), screening, clock.now())
    return {"form": form, "screening": screening, "plan": chosen, "due": format_deadline(chosen.due),
            "urgent": is_urgent(screening), "today": wants_today(form, screening),
            "employers": employer_services(), "provinces": _province_options(),
            "known_province": bool((screening or {}).get("province")), "notice": notice}


def _show_card(form, screening, status=200, notice=None):
    """The card with what was typed and the problems next to their fields: alone for htmx, else as a page."""
    card = card_context(form=form, screening=screening, notice=notice)
    partial = "requests/_card.html" if wants_fragment() else "requests/_card_page.html"
    title = _("We bellen je vandaag nog") if card["today"] else _("Vraag om gebeld te worden")
    return no_store(make_response(render(partial, status=status, title=title, card=card)))


def _too_many(_limit):
    screening = _screening()
    return _show_card(_card_form(screening), screening, status=429, notice=_(
        "Je hebt dit heel vaak geprobeerd. Wacht een paar minuten en verstuur dan opnieuw. Je gegevens staan er nog."))


@bp.get("/aanmelden/vandaag")
def today():
    """"Call me today", right after a positive safety answer: the card with the same-day deadline (the plain
    card for a browser without that answer)."""
    card = card_context(today=True)
    title = _("We bellen je vandaag nog") if card["today"] else _("Vraag om gebeld te worden")
    return no_store(make_response(render("requests/_card_page.html", title=title, card=card)))


@bp.route("/aanmelden/kaart", methods=["GET", "POST"])
@csrf.exempt  # checked below, so an expired token shows the card again with the input kept
@limiter.limit(_rate_limit, methods=["POST"], on_breach=_too_many)
def card():
    """The card: with htmx a valid card is sent at once; without, the check page comes first."""
    if request.method == "GET":
        return no_store(make_response(render("requests/_card_page.html", title=_("Vraag om gebeld te worden"),
                                             card=card_context())))
    screening = _screening()
    form = _card_form(screening)
    if form.csrf_expired():
        return _show_card(form, screening, status=400, notice=_(
            "Je formulier was verlopen. Je gegevens staan er nog: kijk ze na en verstuur opnieuw."))
    if form.website.data:
        return _show_card(form, screening, status=422, notice=_(
            "We konden je aanvraag niet verwerken. Kijk je gegevens na en verstuur opnieuw."))
    valid = form.validate()
    if form.action.data == "edit":  # back from the check page: the card again, nothing to fix yet
        form.forget_problems()
        return _show_card(form, screening)
    if not valid:
        return _show_card(form, screening, status=422)
    if not wants_fragment() and not form.sending:  # without JavaScript the worker has not seen who yet
        return _show_review(form, screening, action_endpoint="requests.card")
    return send(form, screening, _show_card)


@bp.post("/aanmelden/kaart/wie")
def card_plan():
    """Who will contact the worker and by when, for the choice on the card (htmx, as they choose)."""
    screening = _screening()
    card = card_context(form=_card_form(screening), screening=screening)
    return no_store(make_response(render("requests/_card_plan.html", card=card)))

