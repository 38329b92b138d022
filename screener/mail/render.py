"""E-mails from templates/email/<name>.subject.txt, <name>.txt and (optionally) <name>.html."""
from flask import render_template
from flask_babel import force_locale
from jinja2 import TemplateNotFound


def render_email(name, language="nl", **context):
    """(subject, text, html) of one e-mail rendered in `language`; html is None without an .html template."""
    context["language"] = language
    with force_locale(language):
        subject = " ".join(render_template(f"email/{name}.subject.txt", **context).split())
        text = render_template(f"email/{name}.txt", **context)
        try:
            html = render_template(f"email/{name}.html", **context)
        except TemplateNotFound:
            html = None
    return subject, text, html
