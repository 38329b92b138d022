"""Structured logs: one JSON object per line, never an IP address, a query string or a token."""
import json
import logging
import sys
import time

from flask import g, request

# Attributes every LogRecord has; anything else passed with extra={...} becomes a JSON field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON line: time, level, logger, message and extra fields."""

    def format(self, record):
        entry = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + "Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(level="INFO", stream=None):
    """Send every log record of the process to `stream` (stderr) as JSON lines."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for old in list(root.handlers):
        if isinstance(old.formatter, JsonFormatter):  # e.g. gunicorn's: one JSON handler is enough
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    # Werkzeug's own request lines carry the client address and the full query string, and
    # flask-limiter names the rate-limit key (the address) when a limit is hit: keep their warnings only.
    # A hit limit still shows in the request line as status 429.
    for noisy in ("werkzeug", "flask-limiter"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


request_log = logging.getLogger("screener.request")


def route_of_request():
    """The matched route pattern (e.g. /partners/dossier/<token>), never the concrete path with its tokens."""
    rule = request.url_rule
    return rule.rule if rule is not None else "(unmatched)"


def start_timer():
    g.ops_started = time.perf_counter()


def log_request(response):
    """One line per request: method, route pattern, status, duration. No address, no query string."""
    started = g.pop("ops_started", None)
    request_log.info(
        "request",
        extra={
            "method": request.method,
            "route": route_of_request(),
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
            "htmx": request.headers.get("HX-Request") == "true",
        },
    )
    return response
