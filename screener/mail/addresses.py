"""E-mail addresses: one syntax check for every address entered, loaded or sent to. Pure.

email-validator (the library WTForms uses) checks the syntax only, never DNS. It refuses what
would break or bend a message: line separators (U+2028) that cannot go in a header, commas that
make one To header two recipients, `?cc=...&body=...` that turns a mailto link into a pre-filled
message.
"""
from email.message import EmailMessage

from email_validator import EmailNotValidError, validate_email


class AddressError(ValueError):
    """Not an address we can send to."""


def _checked(text):
    if not isinstance(text, str):
        raise AddressError("not a text")
    try:
        return validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise AddressError(str(exc)) from None


def normalized_address(text):
    """The address in email-validator's normalised form (as stored); raises AddressError."""
    return _checked(text).normalized


def is_valid_address(text):
    """True when `text` is an address we can send to (syntax only)."""
    try:
        _checked(text)
    except AddressError:
        return False
    return True


def envelope_address(text):
    """The address for the SMTP envelope and To header; raises AddressError.

    ASCII where it can be (a domain like bücher.de as xn--...); an address with letters such as é
    before the @ stays as it is and needs a server that offers SMTPUTF8.
    """
    checked = _checked(text)
    return checked.ascii_email or checked.normalized


def sender_problem(value):
    """Why MAIL_DEFAULT_SENDER cannot head every e-mail ('Name <address>' or an address), or None."""
    if not isinstance(value, str):
        return "moet tekst zijn, zoals 'ZorgSamen <noreply@voorbeeld.be>'"
    message = EmailMessage()
    try:
        message["From"] = value
        addresses = message["From"].addresses
    except Exception:  # the header parser's own errors differ per problem
        addresses = ()
    if len(addresses) != 1 or not addresses[0].username or not addresses[0].domain:
        return "is geen afzender met één e-mailadres, zoals 'ZorgSamen <noreply@voorbeeld.be>'"
    return None
