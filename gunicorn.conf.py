"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py` (see docs/operations.md).

A start under gunicorn is a production start: the app refuses unsafe settings
unless ZORGSAMEN_PRODUCTION=false is set explicitly.
"""
import os

os.environ.setdefault("ZORGSAMEN_PRODUCTION", "true")

wsgi_app = "app:app"
bind = os.environ.get("ZORGSAMEN_BIND", "127.0.0.1:8000")  # behind the TLS proxy on the same host

# Threads suit this app: requests wait on SQLite and templates, not on long computations.
worker_class = "gthread"
workers = int(os.environ.get("ZORGSAMEN_WORKERS", "2"))  # one per core
threads = int(os.environ.get("ZORGSAMEN_THREADS", "4"))
# Load the app once before forking: migrations and the settings check run once, workers share memory.
preload_app = True

timeout = 30  # a request that takes longer is stuck: the worker is replaced
graceful_timeout = 20
keepalive = 5
max_requests = 10000  # recycle workers now and then, so a slow leak never grows
max_requests_jitter = 1000
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# No runtime control socket: nothing to manage at run time, and several instances may share a host.
control_socket_disable = True

# Refuse oversized requests before they reach the app.
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190

# No `Server: gunicorn` header: it tells a stranger which server to probe. gunicorn has no
# setting for it, so its response class leaves the line out (workers fork from this process).
from gunicorn.http import wsgi as _gunicorn_wsgi  # noqa: E402

if not getattr(_gunicorn_wsgi.Response, "zorgsamen_quiet", False):
    _with_server_header = _gunicorn_wsgi.Response.default_headers
    _gunicorn_wsgi.Response.default_headers = (
        lambda self: [line for line in _with_server_header(self) if not line.lower().startswith("server:")])
    _gunicorn_wsgi.Response.zorgsamen_quiet = True

# Only the local proxy may say which scheme the visitor used.
forwarded_allow_ips = "127.0.0.1"

# No access log: it would hold client addresses and query strings. The app writes one JSON line
# per request itself (method, route pattern, status, duration). Errors go to stderr as JSON.
accesslog = None
errorlog = "-"
loglevel = "info"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "screener.ops.logs.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"handlers": ["stderr"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
    },
}
