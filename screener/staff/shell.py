"""The staff shell: one layout and navigation around every staff page, whichever feature serves it.

A staff page is rendered with `render()`: the htmx swap and the full page both get
`staff/_shell.html` (navigation, messages, then the page's own partial). Features say which of
their blueprints or endpoints are staff pages (`use_staff_layout`), so that their error pages
too show no public menu, and add what the navigation shows (`register_nav`).
"""
from flask import current_app, url_for
from flask_login import current_user

from .. import web
from .blueprint import providers_by_id

PAGE = "staff/page.html"


def use_staff_layout(app, *names):
    """Full pages of these blueprints or endpoints (error pages included) use the staff layout."""
    web.use_page_template(app, PAGE, *names)


def register_nav(app, context, home=None):
    """Add `context()` (a dict) to what the staff navigation reads; `home`: the endpoint after sign-in."""
    app.extensions.setdefault("staff_nav", []).append(context)
    if home:
        app.extensions["staff_home"] = home


def home_url():
    """Where a signed-in staff member starts (the case list when the casework feature is there)."""
    return url_for(current_app.extensions.get("staff_home", "staff.users"))


def nav_context():
    """What the navigation needs for the signed-in account (nothing for a visitor)."""
    if not current_user.is_authenticated:
        return {}
    provider = providers_by_id().get(current_user.org_id) if current_user.org_id else None
    context = {"staff_org_name": provider.name if provider else current_user.org_id}
    for extra in current_app.extensions.get("staff_nav", []):
        context.update(extra())
    return context


def render(partial, status=200, title=None, active=None, **context):
    """A staff page: the shell around `partial`; `active` marks the current item of the navigation."""
    return web.render("staff/_shell.html", status=status, title=title, content=partial, active_filter=active,
                      **{**nav_context(), **context})
