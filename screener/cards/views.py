"""Thank-you cards: the section page, the form with its preview, the card page, its image, the block link."""
from datetime import date
from pathlib import Path

from flask import Blueprint, current_app, make_response, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded

from .. import clock
from ..db import get_db
from ..errors import abort_with, render_error
from ..extensions import csrf, current_language, limiter
from ..web import no_store, render, to_page
from . import rules, sending
from .designs import DESIGNS, design_file
from .forms import CardForm

bp = Blueprint("cards", __name__)
MONTHS_SHOWN = 12


def _notice(kind):
    # Translated here, so every message is a literal for the catalogue.
    return {"sender": _("Je stuurde net heel wat kaartjes. Wacht een uurtje en probeer dan opnieuw. "
                        "Je kaartje staat er nog."),
            "recipient": _("Deze collega kreeg de laatste dagen al veel kaartjes. Probeer het over een paar dagen "
                           "opnieuw. Je kaartje staat er nog."),
            "cap": _("Vandaag zijn er al heel veel kaartjes verstuurd. Probeer het morgen opnieuw. "
                     "Je kaartje staat er nog.")}[kind]


def month_name(month):
    """'2026-11' as the month's name and year in the visitor's language ("november 2026")."""
    try:
        return format_date(date.fromisoformat(month + "-01"), "MMMM yyyy")
    except ValueError:
        return month


def _show_form(form, status=200, notice=None):
    return no_store(make_response(render("cards/_form.html", status=status, title=_("Stuur een bedankkaartje"),
                                         form=form, designs=DESIGNS, design_file=design_file, notice=notice,
                                         message_max=rules.MESSAGE_MAX)))


def _show_preview(form, status=200, notice=None):
    return no_store(make_response(render("cards/_preview.html", status=status, title=_("Zo ziet je kaartje eruit"),
                                         form=form, designs=DESIGNS, design_file=design_file, notice=notice)))


def _sender_limit():
    return current_app.config["CARDS_SENDER_LIMIT"]


def _too_many(_limit):
    # Over the sender's limit: the preview again with everything kept, and when to try again.
    form = CardForm()
    show = _show_preview if form.validate() else _show_form
    return show(form, status=429, notice=_notice("sender"))


@bp.errorhandler(RateLimitExceeded)
def _rate_limited(exc):
    return exc.response if exc.response is not None else render_error(429)


@bp.get("/bedankkaartje")
def index():
    """The section page: what a card is, how many went out per month, and the way to send one."""
    months = sending.per_month(get_db())[-MONTHS_SHOWN:]
    return render("cards/_index.html", title=_("Bedankkaartje"), months=list(reversed(months)),
                  total=sum(count for _, count in months))


@bp.route("/bedankkaartje/sturen", methods=["GET", "POST"])
@csrf.exempt  # checked below, so an expired form comes back with everything kept
@limiter.limit(_sender_limit, methods=["POST"], on_breach=_too_many,
               exempt_when=lambda: request.form.get("action") != "send")
def write():
    """The form; POST shows the preview, goes back to edit, or sends."""
    form = CardForm()
    if request.method == "GET":
        form.design.data = request.args.get("ontwerp") if request.args.get("ontwerp") in DESIGNS else None
        return _show_form(form)
    if form.csrf_expired():
        return _show_form(form, status=400, notice=_("Je formulier was verlopen. Je kaartje staat er nog: "
                                                     "kijk het na en probeer opnieuw."))
    valid = form.validate()
    if form.action.data == "edit":
        form.forget_problems()
        return _show_form(form)
    if not valid:
        return _show_form(form, status=422)
    if not form.sending:
        return _show_preview(form)
    if form.website.data:  # a robot: it hears "sent", nothing is stored or mailed
        return to_page(url_for("cards.sent"))
    outcome = sending.send_card(get_db(), form.card(), language=current_language(), now=clock.now(),
                                config=current_app.config)
    if outcome.status in ("cap", "recipient"):
        return _show_preview(form, status=429, notice=_notice(outcome.status))
    # 'quiet' (a blocked address) looks exactly like 'sent': the sender never learns who blocked cards.
    return to_page(url_for("cards.sent"))


@bp.get("/bedankkaartje/verstuurd")
def sent():
    """The thank-you after sending (also what a robot or a sender to a blocked address sees)."""
    return render("cards/_sent.html", title=_("Je kaartje is onderweg"))


def _card_or_404(token):
    card = sending.card_for_token(get_db(), token)
    if card is None:
        abort_with(404, _("Dit kaartje vinden we niet. Misschien is de link niet volledig, of is het kaartje "
                          "ouder dan 90 dagen en al gewist."))
    return card


def _private(response):
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return no_store(response)


@bp.get("/bedankkaartje/<token>")
def show(token):
    """The card itself, for whoever has the link; never indexed."""
    card = _card_or_404(token)
    return _private(make_response(render("cards/_card.html", title=_("Een bedankkaartje voor jou"), card=card,
                                         token=token, designs=DESIGNS, design_file=design_file,
                                         robots_noindex=True)))


@bp.get("/bedankkaartje/<token>/kaartje.svg")
def image(token):
    """The card as one SVG image to keep: the design, the names and the message, made here."""
    card = _card_or_404(token)
    drawing = (Path(current_app.static_folder) / design_file(card["design"])).read_text(encoding="utf-8")
    inner = drawing[drawing.index(">", drawing.index("<svg")) + 1:drawing.rindex("</svg>")]  # our own file
    lines = rules.wrap(card["message"], width=44, max_lines=10)
    svg = render_template("cards/card_image.svg", card=card, lines=lines,
                          design=inner, alt=DESIGNS.get(card["design"], ""),
                          to_line=_("Voor %(name)s", name=card["recipient_name"]),
                          from_line=_("Van %(name)s", name=card["sender_name"] or _("een collega")))
    response = make_response(svg)
    response.headers["Content-Type"] = "image/svg+xml; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="bedankkaartje.svg"'
    return _private(response)


@bp.route("/bedankkaartje/blokkeren/<code>", methods=["GET", "POST"])
def block(code):
    """The recipient's link: GET asks once (mail scanners open links), POST blocks every further card."""
    recipient = sending.hash_from_block_code(code, current_app.config)
    if recipient is None:
        abort_with(404, _("Deze link klopt niet. Gebruik de volledige link uit de e-mail."))
    done = request.method == "POST"
    if done:
        sending.block(get_db(), recipient, clock.now())
    return _private(make_response(render("cards/_block.html", title=_("Geen kaartjes meer ontvangen"),
                                         code=code, done=done, robots_noindex=True)))
