"""Production settings: the defaults of the ops feature and the checks a production start must pass."""
from ..config import is_true

# Defaults for the settings this feature adds; instance/config.py or ZORGSAMEN_* override them.
DEFAULTS = {
    # A production start (ZORGSAMEN_PRODUCTION=true) refuses unsafe settings.
    "PRODUCTION": False,
    # Retention, in days.
    "RETENTION_CONTACT_DAYS": 90,  # contact details, counted from the day a case closed
    "RETENTION_ABANDONED_DAYS": 30,  # answers of screenings that were never finished
    "RETENTION_AUDIT_DAYS": 730,  # the audit log (who saw or did what)
    "RETENTION_EVERY_SECONDS": 24 * 3600,
    # Health: the outbox is unhealthy when mail waits longer or piles up beyond these limits.
    "HEALTH_OUTBOX_MAX_AGE_MINUTES": 30,
    "HEALTH_OUTBOX_MAX_PENDING": 500,
    # Proxies in front of gunicorn (the TLS proxy: 1). Their X-Forwarded-For/-Proto are trusted,
    # so rate limits and the daily visitor count see each visitor instead of the proxy.
    "PROXY_COUNT": 0,
    # Where workers send questions about their data (shown on the privacy page).
    "PRIVACY_EMAIL": "privacy@zorgsamen.example",
    # Logs as JSON lines on stderr.
    "LOG_JSON": True,
    "LOG_LEVEL": "INFO",
}

# Secrets that were ever written in a test, an example or a tutorial.
KNOWN_SECRETS = {"test-secret", "dev", "development", "secret", "changeme", "change-me", "secret-key"}
MIN_SECRET_LENGTH = 32


def production_problems(config, environ):
    """Every reason the given settings are unsafe for production, as readable sentences."""
    problems = []
    if config.get("DEBUG") or is_true(environ.get("FLASK_DEBUG", "")):
        problems.append("debug mode is on (DEBUG / FLASK_DEBUG); switch it off")
    if config.get("TESTING"):
        problems.append("TESTING is on")
    secret = str(config.get("SECRET_KEY") or "")
    if len(secret) < MIN_SECRET_LENGTH or secret.lower() in KNOWN_SECRETS:
        problems.append(f"SECRET_KEY is a default or shorter than {MIN_SECRET_LENGTH} characters; "
                        "remove it from the config to use the generated instance/secret_key")
    if not config.get("MAIL_SERVER"):
        problems.append("MAIL_SERVER is not set: e-mail to provider teams would never leave")
    sender = str(config.get("MAIL_DEFAULT_SENDER") or "")
    if not sender or sender.endswith(".example>") or sender.endswith(".example"):
        problems.append("MAIL_DEFAULT_SENDER is missing or still the example address")
    if str(config.get("PRIVACY_EMAIL") or "").endswith(".example") or not config.get("PRIVACY_EMAIL"):
        problems.append("PRIVACY_EMAIL is missing or still the example address (shown on the privacy page)")
    if not str(config.get("BASE_URL") or "").startswith("https://"):
        problems.append("BASE_URL must be the public https:// address used in e-mailed links")
    if not config.get("SESSION_COOKIE_SECURE"):
        problems.append("SESSION_COOKIE_SECURE must be true (cookies only over https)")
    if not config.get("PROXY_COUNT"):
        problems.append("PROXY_COUNT is 0: behind the TLS proxy every visitor would share one rate limit; "
                        "set it to the number of proxies in front (usually 1)")
    if config.get("DEMO_MODE"):
        problems.append("DEMO_MODE is on: demo accounts must never exist in production")
    if not config.get("REQUIRE_TOTP", True):
        problems.append("REQUIRE_TOTP is off: provider accounts need a second factor")
    if config.get("WTF_CSRF_ENABLED") is False:
        problems.append("WTF_CSRF_ENABLED is off")
    return problems


def demo_accounts_problem(emails):
    """The reason a database with demo accounts cannot serve production."""
    shown = ", ".join(emails[:5]) + (f" and {len(emails) - 5} more" if len(emails) > 5 else "")
    return (f"the database holds demo accounts from `flask demo` ({shown}); their password and TOTP secret "
            "are published. Start production on a database without demo data (a fresh one, or a backup "
            "from before `flask demo` ran)")


class UnsafeProductionSettings(SystemExit):
    """Raised at start when PRODUCTION is on and a setting is unsafe; exits with the list."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("Refusing to start in production:\n" + "\n".join(f"  - {p}" for p in self.problems))
