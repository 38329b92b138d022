"""Default settings; instance/config.py and ZORGSAMEN_* environment variables override them."""
import json
import os

# The site's languages, named here only: translations and every content text exist in each.
# Pure modules take them as a parameter (default: this tuple); the app reads config LANGUAGES.
LANGUAGES = ("nl", "en")

DEFAULTS = {
    "SITE_NAME": "ZorgSamen",
    "DATABASE": None,  # set in create_app: <instance>/screener.db
    "SECRET_KEY": None,  # generated into the instance folder on first run
    "BABEL_DEFAULT_LOCALE": "nl",
    "BABEL_DEFAULT_TIMEZONE": "Europe/Brussels",
    "LANGUAGES": list(LANGUAGES),
    # Cookies: Secure by default; a local http setup switches it off explicitly.
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "zs_session",
    "PERMANENT_SESSION_LIFETIME": 8 * 3600,
    "WTF_CSRF_TIME_LIMIT": 4 * 3600,
    "WTF_CSRF_HEADERS": ["X-CSRFToken"],
    # htmx: self-hosted by default; HTMX_URL (+ HTMX_SRI) may point to a CDN instead.
    "HTMX_URL": None,
    "HTMX_SRI": None,
    # Rate limits (flask-limiter). None: <instance>/ratelimits.db, shared by every worker (screener/ratelimit.py).
    "RATELIMIT_STORAGE_URI": None,
    "RATELIMIT_HEADERS_ENABLED": False,
    # Mail. Without MAIL_SERVER the development mailbox keeps messages (debug only).
    "MAIL_SERVER": None,
    "MAIL_PORT": 587,
    "MAIL_USE_TLS": True,
    "MAIL_USE_SSL": False,
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_DEFAULT_SENDER": "ZorgSamen <noreply@zorgsamen.example>",
    "MAIL_TIMEOUT": 10,
    # Public base URL used in e-mailed links.
    "BASE_URL": "http://127.0.0.1:5000",
    "PROVIDERS_FILE": None,  # default <instance>/providers.yml, else the shipped example
    # Steering group addresses for alerts (unmatched requests, stuck e-mail, overdue cases).
    "COORDINATOR_EMAILS": ["stuurgroep@zorgsamen.example"],
    "REQUIRE_TOTP": True,
    "DEMO_MODE": False,
    "WORKER_INTERVAL_SECONDS": 5,
    "ROLLUP_EVERY_SECONDS": 3600,  # the day totals of the reports (screener/reports/rollups.py)
    # Largest request body (bytes). The request form with every field at the length it reads, in
    # 4-byte characters, is under 40 KB; a larger body gets a 413 before it is parsed. Uploads set their own.
    "MAX_CONTENT_LENGTH": 64 * 1024,
    # Thank-you cards (screener/cards, docs/operations.md "Thank-you cards: limits").
    "CARDS_SENDER_LIMIT": "5 per hour; 20 per day",  # per client address, cards actually sent
    "CARDS_RECIPIENT_PER_DAY": 3,  # cards to one address in 24 hours
    "CARDS_RECIPIENT_PER_WEEK": 10,  # cards to one address in 7 days
    "CARDS_DAILY_CAP": 500,  # cards on one Belgian day, all workers together
    "CARDS_KEEP_DAYS": 90,  # a card, and its recipient's address, is deleted after this many days
}


def from_environment(prefix="ZORGSAMEN_"):
    """Read ZORGSAMEN_FOO=value pairs; values that parse as JSON (numbers, true/false) are typed."""
    settings = {}
    for name, raw in os.environ.items():
        if not name.startswith(prefix):
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            value = raw
        settings[name[len(prefix):]] = value
    return settings


def is_true(value):
    """A config or environment value read as a yes/no flag."""
    return str(value).strip().lower() in {"1", "true", "yes", "on"}
