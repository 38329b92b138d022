"""The second factor: time-based one-time codes (RFC 6238) and the enrolment QR code."""
import pyotp
import segno


def new_secret():
    """A fresh base32 TOTP secret."""
    return pyotp.random_base32()


def provisioning_uri(secret, email, issuer):
    """The otpauth:// address an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=issuer)


def qr_data_uri(uri):
    """The QR code of `uri` as an SVG data URI (an <img>, so the strict CSP allows it)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2)


def accepted_step(secret, code, now, last_step=None):
    """The time step of a valid `code` at `now` (one step of drift allowed), else None.

    A step at or before `last_step` is refused, so an overheard code cannot be replayed.
    """
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6 or not secret:
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for offset in (0, -1, 1):
        step = current + offset
        if totp.at(now, counter_offset=offset) == code:
            if last_step is not None and step <= last_step:
                return None
            return step
    return None
