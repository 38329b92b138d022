"""Clear Dutch error pages (or fragments) for every HTTP error; never a bare 500."""
import logging

from flask import request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .web import render

log = logging.getLogger(__name__)


def _messages():
    return {
        400: (_("Er ging iets mis met je verzoek"), _("We konden dit niet verwerken. Probeer het opnieuw.")),
        403: (_("Geen toegang"), _("Je hebt geen toegang tot deze pagina.")),
        404: (_("Deze pagina bestaat niet"), _("Misschien is de link oud of onvolledig.")),
        405: (_("Dat lukt zo niet"), _("Deze pagina kan je niet op deze manier openen.")),
        409: (_("Dit is al gebeurd"), _("Deze stap werd al verwerkt.")),
        410: (_("Deze link is verlopen"), _("Begin gerust opnieuw.")),
        413: (_("Te veel gegevens"), _("Wat je stuurde is te groot. We hebben er niets mee gedaan en niets bewaard. Maak je tekst korter en probeer opnieuw.")),
        422: (_("Kijk je invoer na"), _("Niet alles is goed ingevuld.")),
        429: (_("Even rustig aan"), _("Je hebt dit heel vaak geprobeerd. Wacht een paar minuten en probeer dan opnieuw.")),
        500: (_("Er ging bij ons iets mis"), _("Het ligt niet aan jou. Probeer het over een paar minuten opnieuw. Heb je nu hulp nodig? Bel dan de nummers hieronder.")),
        503: (_("Even niet beschikbaar"), _("We konden je gegevens nu niet bewaren. Er is niets verzonden. Probeer het over een paar minuten opnieuw, of bel de nummers hieronder.")),
    }


def render_error(status, message=None, back_url=None):
    """The error page for `status`, with an optional specific message and a way back to the page."""
    title, default_message = _messages().get(status, _messages()[400])
    return render("core/_error.html", status=status, title=title, heading=title,
                  message=message or default_message, back_url=back_url)


def handle_http_error(exc):
    status = exc.code or 500
    message = exc.description if getattr(exc, "zorgsamen_message", False) else None
    back_url = _back_url() if status == 413 else None  # the form is still there: shorten and send again
    body, status = render_error(status, message, back_url=back_url)
    # A client that is told to slow down also learns when it may try again.
    return body, status, ({"Retry-After": "60"} if status == 429 else {})


def _back_url():
    """The page the visitor came from, when it is one of ours."""
    from .core import safe_return_path

    return safe_return_path(request.referrer) if request.referrer else None


def handle_csrf_error(exc):
    # Reloading this page would post the stale form again: offer a fresh copy of the page instead.
    return render_error(400, _("Je formulier was verlopen of onvolledig. Ga terug naar de pagina en probeer nog eens."),
                        back_url=_back_url())


def handle_unexpected(exc):
    if isinstance(exc, HTTPException):
        return handle_http_error(exc)
    log.exception("unexpected error")  # the traceback only: requests carry no personal data in URLs
    return render_error(500)


def abort_with(status, message):
    """Stop the request with `status` and a specific Dutch message shown to the visitor."""
    from werkzeug.exceptions import default_exceptions

    exc = default_exceptions.get(status, InternalServerError)(description=message)
    exc.zorgsamen_message = True
    raise exc


def init_app(app):
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
