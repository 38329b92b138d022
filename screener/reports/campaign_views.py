"""The coordinators' campaign page: every code with its short link, QR code and figures, and a form for a new one."""
import io

import segno
from flask import Blueprint, Response, redirect, url_for
from flask_babel import gettext as _

from .. import clock
from ..campaigns import codes, queries
from ..campaigns.forms import CampaignForm
from ..campaigns.views import short_link
from ..db import get_db, immediate
from ..errors import abort_with
from ..staff.auth import coordinator_required
from ..staff.shell import render
from ..web import no_store
from .campaign_blocks import campaign_rows

admin = Blueprint("campaign_admin", __name__, url_prefix="/rapporten/campagnes")
ALL_DAYS = ("0000-01-01", "9999-12-31")


def _qr(code):
    return segno.make(short_link(code), error="m")


def _page(form, status=200):
    db = get_db()
    rows = campaign_rows(db, *ALL_DAYS)
    for row in rows:
        row["link"] = short_link(row["code"])
        row["qr_svg"] = _qr(row["code"]).svg_inline(scale=3, border=2, light="#fff", omitsize=False)
        row["kind_label"] = codes.kind_label(row["kind"])
        row["notes"] = queries.annotations_on_campaign_days(db, row["code"])
    body, status = render("campaigns/_index.html", status=status, title=_("Campagnes"), active="campaigns",
                          form=form, campaigns=rows, kinds=[(k, codes.kind_label(k)) for k in codes.KINDS])
    return no_store(Response(body, status))


@admin.get("/")
@coordinator_required
def index():
    """Every campaign code with its short link, QR code and figures, and the form for a new one."""
    form = CampaignForm(formdata=None, data={"code": codes.new_code("campagne"), "kind": "poster"})
    return _page(form)


@admin.post("/")
@coordinator_required
def create():
    """Add a campaign code; problems come back on the page (422) with everything typed."""
    form = CampaignForm()
    if not form.validate():
        return _page(form, 422)
    code, kind, label = form.campaign()
    db = get_db()
    with immediate(db):
        added = queries.insert_code(db, code, kind, label, clock.iso(clock.now()))
    if not added:
        form.code.errors.append(_("Deze code bestaat al. Kies een andere."))
        return _page(form, 422)
    return redirect(url_for("campaign_admin.index") + f"#campagne-{code}", code=303)


@admin.get("/<code>.svg")
@coordinator_required
def qr_svg(code):
    """The QR code of a campaign as an SVG file, to put on a poster or in a newsletter."""
    if not codes.is_valid_code(code) or not queries.code_exists(get_db(), code):
        abort_with(404, _("Deze campagne bestaat niet."))
    out = io.BytesIO()
    _qr(code).save(out, kind="svg", scale=10, border=4, light="#fff")
    response = Response(out.getvalue(), mimetype="image/svg+xml")
    response.headers["Content-Disposition"] = f'attachment; filename="zorgsamen-{code}.svg"'
    return response
