"""Rendering and response rules shared by every feature: fragment-or-page, security headers."""
from flask import current_app, make_response, redirect, render_template, request

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def wants_fragment():
    """True for an htmx request that swaps part of a page (not a boosted navigation)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"


def render(partial, status=200, title=None, **context):
    """Render `partial` alone for an htmx swap, or inside the full page otherwise.

    The page template includes the very same partial, so no markup is written twice.
    """
    if wants_fragment():
        return render_template(partial, **context), status
    return render_template(page_template(), partial=partial, title=title, **context), status


def to_page(target):
    """Move the whole page to `target` after a POST: htmx follows HX-Redirect (the address bar changes with
    it), a plain form a 303."""
    if request.headers.get("HX-Request") == "true":
        response = make_response("", 200)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target, 303)


def absolute_url(endpoint, **values):
    """The public address of a page, for e-mails and the CLI: config BASE_URL and the endpoint's path.

    Works outside a request (the worker, flask commands), where url_for has no host to use.
    """
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["BASE_URL"].rstrip("/") + path


def use_page_template(app, template, *names):
    """Render the full pages of these blueprints or endpoints with `template` (extending page.html)."""
    app.extensions.setdefault("page_templates", {}).update(dict.fromkeys(names, template))


def page_template():
    """The full-page template of this request: page.html unless a feature chose its own layout."""
    templates = current_app.extensions.get("page_templates", {})
    return templates.get(request.endpoint) or templates.get(request.blueprint) or "page.html"


def no_store(response):
    """Mark a response as never to be cached (answers, case data)."""
    response.headers["Cache-Control"] = "no-store"
    return response


def set_security_headers(response):
    """Headers every response carries."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.vary.add("HX-Request")
    if response.mimetype == "text/html":
        # Pages carry session-bound content; shared caches must never keep them.
        response.headers.setdefault("Cache-Control", "no-store")
    return response
