"""Posters and materials: the section page, the PDFs, and an organisation's own posters with its logo."""
from flask import Blueprint, Response, current_app, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from .. import clock
from ..db import get_db
from ..errors import abort_with
from ..extensions import csrf, current_language, limiter
from ..visits.rules import is_bot
from ..campaigns.views import short_link
from ..web import no_store, render
from . import organisations, posters
from .forms import LogoForm
from .logos import TOO_BIG, LogoProblem, clean_logo
from .pdf import poster_pdf

bp = Blueprint("materials", __name__)
FORM_OVERHEAD = 64 * 1024  # room for the form's other fields around the file


@bp.get("/materiaal")
def index():
    """The posters and the flyer, each as A4 and A3, and the form to add an organisation's logo."""
    return _index_page(LogoForm())


@bp.get("/materiaal/<key>/<paper>.pdf")
def poster(key, paper):
    """A plain poster as PDF: its QR code and short address carry the poster's own campaign code."""
    chosen = _chosen(key, paper)
    return _pdf(chosen, organisations.poster_code(get_db(), chosen[0], clock.now()))


@bp.post("/materiaal/organisatie")
@csrf.exempt  # the form checks its token itself, after the larger upload limit is set
@limiter.limit(lambda: current_app.config["MATERIALS_UPLOAD_LIMIT"], methods=["POST"])
def upload():
    """Check and re-encode an organisation's logo, then send it to its private page (303)."""
    limit = current_app.config["MATERIALS_LOGO_MAX_BYTES"]
    request.max_content_length = limit + FORM_OVERHEAD  # the site's own limit is far smaller
    try:
        form = LogoForm()
    except RequestEntityTooLarge:
        form = LogoForm(formdata=None)
        form.logo.errors = [TOO_BIG % {"mb": limit // (1024 * 1024) or 1}]
        return _index_page(form, status=413)
    if form.csrf_expired():  # as the site's other forms: status 400, the name kept
        return _index_page(form, status=400, notice=_(
            "Je formulier was verlopen. Je naam staat er nog: kies je logo opnieuw en verstuur nog eens."))
    if not form.validate():
        return _index_page(form, status=422)
    try:
        logo = clean_logo(form.logo_bytes(limit), limit, current_app.config["MATERIALS_LOGO_MAX_PIXELS"])
    except LogoProblem as problem:
        form.logo.errors = [problem.message]
        return _index_page(form, status=422)
    token, _code = organisations.register(get_db(), name=form.naam.data, logo=logo, now=clock.now())
    return redirect(url_for("materials.organisation", token=token), code=303)


@bp.get("/materiaal/organisatie/<token>")
def organisation(token):
    """An organisation's posters, with its logo and its own campaign code (the private link)."""
    found = _organisation(token)
    page = render("materials/_organisation.html", title=_("Jouw affiches"), organisation=found, token=token,
                  posters=posters.POSTERS, papers=posters.PAPER_LABELS, kinds=posters.KINDS,
                  keep_days=current_app.config["MATERIALS_LOGO_DAYS"],
                  org_pdf_url=lambda key, paper: url_for("materials.organisation_poster", token=token, key=key,
                                                         paper=paper))
    return no_store(current_app.make_response(page))


@bp.get("/materiaal/organisatie/<token>/logo.png")
def logo(token):
    """The organisation's logo as the site re-encoded it (never the uploaded file)."""
    found = _organisation(token)
    if not found["logo"]:
        abort_with(404, _("Dit logo is niet meer bewaard."))
    return no_store(Response(found["logo"], mimetype="image/png"))


@bp.get("/materiaal/organisatie/<token>/<key>/<paper>.pdf")
def organisation_poster(token, key, paper):
    """A poster with the organisation's logo and name; its QR code carries the organisation's code."""
    found = _organisation(token)
    return _pdf(_chosen(key, paper), found["code"], found)


def _index_page(form, status=200, notice=None):
    return render("materials/_index.html", status=status, title=_("Affiches en materiaal"), form=form, notice=notice,
                  posters=posters.POSTERS, papers=posters.PAPER_LABELS, kinds=posters.KINDS,
                  plain_pdf_url=lambda key, paper: url_for("materials.poster", key=key, paper=paper),
                  max_mb=current_app.config["MATERIALS_LOGO_MAX_BYTES"] // (1024 * 1024) or 1,
                  keep_days=current_app.config["MATERIALS_LOGO_DAYS"])


def _chosen(key, paper):
    chosen = posters.find(key, paper)
    if chosen is None:
        abort_with(404, _("Deze affiche bestaat niet (meer). Kies er een op de pagina met materiaal."))
    return chosen


def _organisation(token):
    found = organisations.by_token(get_db(), token)
    if found is None:
        abort_with(404, _("Deze link werkt niet (meer). Laad je logo opnieuw op om je affiches te maken."))
    return found


def campaign_address(code):
    """(the address in the QR code, the short address printed under it) for a campaign code."""
    address = short_link(code)
    return address, address.split("://", 1)[-1]


def _pdf(chosen, code, found=None):
    """The PDF as a download, counted per poster, paper and organisation (not for crawlers or HEAD)."""
    poster_, paper = chosen
    now = clock.now()
    address, short = campaign_address(code)
    body = poster_pdf(poster_, paper, address=address, short_address=short, language=current_language(), now=now,
                      logo=found and found["logo"], organisation=found and found["name"])
    if request.method == "GET" and not is_bot(request.headers.get("User-Agent")):
        organisations.count_download(get_db(), poster_, paper, found and found["code"], now)
    name = f"zorgsamen-{poster_.key}-{paper}.pdf"
    response = Response(body, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return no_store(response) if found else response
