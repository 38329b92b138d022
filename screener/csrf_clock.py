"""CSRF tokens timestamped by the app clock, so their expiry follows config CLOCK like every other deadline."""
import flask_wtf.csrf
from flask import has_app_context
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from . import clock


class ClockSigner(TimestampSigner):
    """Signs and checks token ages with clock.now(); the system time outside an app context."""

    def get_timestamp(self):
        if has_app_context():
            return int(clock.now().timestamp())
        return super().get_timestamp()


class ClockSerializer(URLSafeTimedSerializer):
    default_signer = ClockSigner


def install():
    """Make Flask-WTF build its token serializer with the app clock (it looks the class up on each call)."""
    flask_wtf.csrf.URLSafeTimedSerializer = ClockSerializer
