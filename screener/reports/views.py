"""Coordinator reports: the dashboard, CSV downloads, the printable report and annotations."""
import threading
from collections import OrderedDict
from datetime import date

from flask import Blueprint, Response, redirect, request, url_for
from flask_babel import gettext
from flask_login import current_user

from .. import clock
from ..content import get, localized
from ..db import get_db, immediate
from ..errors import abort_with
from ..extensions import current_language
from ..staff.auth import coordinator_required
from ..staff.shell import render
from ..visits import queries as visit_queries
from ..web import no_store
from . import charts, csvfile, periods, queries
from .dashboard import build as build_report
from .forms import AnnotationForm

bp = Blueprint("reports", __name__, url_prefix="/rapporten")
RANGE_ARGS = ("periode", "van", "tot", "per")
# The charts are images of their own, so a page of years arrives without waiting for 25 drawings. Each page
# keeps the report it was built from here (per process, the last few), under its range, language and the
# moment it was built, which its chart addresses carry: the charts draw the page's figures, and the page
# itself is always built afresh.
BUILT, KEEP_BUILT = OrderedDict(), 8
BUILT_LOCK, REBUILD_LOCK = threading.Lock(), threading.Lock()


def _screener_items():
    """[(item id, question text)] in screener order, plus the closing profile screen."""
    try:
        content = get("screener")
    except KeyError:
        return []
    items = [(i["id"], localized(i["text"])) for i in content.get("items", [])]
    return items + [("profile", gettext("Vragen over jou (gender, sector, provincie)"))]


def _firsthelper_nodes():
    """[(node id, its question or title)] of the first-helper tree, in file order."""
    try:
        nodes = get("firsthelper").get("nodes", {})
    except (KeyError, AttributeError):
        return []
    lang = current_language()
    result = []
    for node_id, node in nodes.items():
        text = localized(node.get("question") or node.get("title") or {}, lang)
        result.append((node_id, f"{node_id}: {text or ''}".rstrip(": ")))
    return result


def _providers():
    from ..cases.providers import get_providers

    return get_providers()


def _form_page():
    """The route of the request form, whose page views count as 'request form opened'."""
    try:
        return url_for("requests.request_form")
    except Exception:  # the request feature is not there: nothing to count
        return None


def _first_day(db):
    """The earliest day with a page view or a screening, or None."""
    days = [day for day in (visit_queries.first_day(db), queries.first_screening_day(db)) if day]
    return min(days) if days else None


def _report(strict=True):
    """The report for the range asked for, and the problems with that choice (Dutch).

    With `strict`, a bad choice stops with a 400 and the message; otherwise the report falls
    back to the last 30 days and the problems are shown above it.
    """
    now = clock.now()
    db = get_db()
    first = _first_day(db)
    chosen, granularity, errors = periods.parse_choice(
        request.args, clock.local_day(now), date.fromisoformat(first[:10]) if first else None)
    errors = [gettext(e) for e in errors]
    if errors and strict:
        abort_with(400, " ".join(errors))
    if errors:
        chosen, granularity, _ = periods.parse_choice({}, clock.local_day(now))
    report = build_report(db, chosen, granularity, now, _providers(), _screener_items(), _firsthelper_nodes(),
                          _form_page())
    return report, errors


def _range_args():
    return {k: request.args[k] for k in RANGE_ARGS if request.args.get(k)}


def _dashboard_page(report, status, args, range_errors=(), form=None):
    """The dashboard page as a no-store response with `status`."""
    response, _status = render("reports/_dashboard.html", title=gettext("Rapporten"), active="reports", report=report,
                               chart_uri=_chart_addresses(report, args), args=args, presets=periods.PRESETS,
                               granularities=periods.GRANULARITIES, range_errors=list(range_errors),
                               form=form or AnnotationForm(formdata=None))
    return no_store(Response(response, status))


@bp.get("/")
@coordinator_required
def dashboard():
    """The steering group's dashboard for a chosen range."""
    report, range_errors = _report(strict=False)
    return _dashboard_page(report, 400 if range_errors else 200, {} if range_errors else _range_args(), range_errors)


@bp.get("/verslag")
@coordinator_required
def printable():
    """The whole report of a period on one printable page."""
    report, _errors = _report()
    response, status = render("reports/_print.html", title=gettext("Verslag"), active="reports", report=report,
                              chart_uri=_chart_addresses(report, _range_args()), args=_range_args())
    return no_store(Response(response, status))


def _built_key(args, stamp):
    """Where a page's report is kept: its range, its language and the moment it was built."""
    return tuple(sorted(args.items())), current_language(), stamp


def _keep(key, report):
    with BUILT_LOCK:
        BUILT[key] = report
        while len(BUILT) > KEEP_BUILT:
            BUILT.popitem(last=False)


def _chart_addresses(report, args):
    """Keep the page's report for its charts; returns table -> the address of its chart."""
    stamp = clock.now().strftime("%Y%m%dT%H%M%S")
    _keep(_built_key(args, stamp), report)
    return lambda table: url_for("reports.chart", key=table.key, bouw=stamp, **args)


@bp.get("/grafiek/<key>.svg")
@coordinator_required
def chart(key):
    """One table's chart as an SVG image: from the report its page was built from, or (another worker, or
    long after) from the same range built again, once however many of its charts arrive at the same time."""
    built = _built_key(_range_args(), request.args.get("bouw", ""))
    report = BUILT.get(built)
    if report is None:
        with REBUILD_LOCK:
            report = BUILT.get(built)
            if report is None:
                report, _errors = _report()
                _keep(built, report)
    table = report.tables.get(key)
    if table is None or table.chart is None or not table.rows:
        abort_with(404, gettext("Deze grafiek bestaat niet."))
    return no_store(Response(charts.svg(table.chart), mimetype="image/svg+xml"))


@bp.get("/csv/<key>.csv")
@coordinator_required
def table_csv(key):
    """One table of the dashboard as CSV, with the same small-number suppression."""
    report, _errors = _report()
    table = report.tables.get(key)
    if table is None:
        abort_with(404, gettext("Deze tabel bestaat niet."))
    name = f"zorgsamen-{key}-{report.chosen.start}-{report.chosen.end}.csv"
    response = Response(csvfile.table_csv(table), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return no_store(response)


@bp.post("/annotaties")
@coordinator_required
def add_annotation():
    """Add a note to a date; errors come back on the dashboard (422), nothing typed is lost."""
    form = AnnotationForm()
    if not form.validate():
        report, _range_errors = _report()
        return _dashboard_page(report, 422, _range_args(), form=form)
    day, label = form.note()
    db = get_db()
    with immediate(db):
        queries.add_annotation(db, day, label, clock.iso(clock.now()), current_user.id)
    return redirect(url_for("reports.dashboard", **_range_args()) + "#annotaties", code=303)


@bp.post("/annotaties/<int:annotation_id>/verwijderen")
@coordinator_required
def delete_annotation(annotation_id):
    """Remove an annotation."""
    db = get_db()
    with immediate(db):
        removed = queries.delete_annotation(db, annotation_id)
    if not removed:
        abort_with(404, gettext("Deze notitie bestaat niet (meer)."))
    return redirect(url_for("reports.dashboard", **_range_args()) + "#annotaties", code=303)

