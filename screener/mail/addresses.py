"""E-mail addresses: one syntax check for every address entered, loaded, sent to or linked. Pure.

email-validator (the library WTForms uses) checks the syntax only, never DNS. It refuses what
would break or bend a message: line separators (U+2028) that cannot go in a header, commas that
make one To header two recipients, `?cc=...&body=...` that turns a mailto link into a pre-filled
message. Letters such as é before the @ are refused too: they need SMTPUTF8, which not every
relay offers, so such an address could never be sent to.
"""
from email_validator import EmailNotValidError, validate_email


class AddressError(ValueError):
    """Not an address we can send to; `international` when only letters like é before the @ are the problem."""

    def __init__(self, problem, international=False):
        super().__init__(problem)
        self.international = international


def _checked(text):
    if not isinstance(text, str):
        raise AddressError("not a text")
    try:
        return validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as exc:
        raise AddressError(str(exc), international=_sendable_with_smtputf8(text)) from None


def _sendable_with_smtputf8(text):
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


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
    """The address in ASCII (a domain like bücher.de as xn--...), for the SMTP envelope and To header."""
    return _checked(text).ascii_email



def sender_problem(value):
    """Why MAIL_DEFAULT_SENDER cannot head every e-mail ('Name <address>' or an address), or None."""
    from email.message import EmailMessage

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
