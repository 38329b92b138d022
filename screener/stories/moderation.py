"""What a coordinator does with a waiting story: edit it for anonymity, publish it, reject it; each audited."""
from .. import audit, clock, crypto
from ..clock import local_day
from ..db import immediate
from ..mail.outbox import enqueue
from ..mail.render import render_email
from ..web import absolute_url
from . import queries, rules
from .sharing import MAIL_KIND


class NotWaiting(Exception):
    """The story was already decided (or withdrawn) by the time the action came in."""


class CheckNeeded(Exception):
    """A flagged story is published only after the coordinator confirms the human check."""


def edit(db, story_id, title, body, user_id, now):
    """Keep only the edited title and text (the original held what the edit removes); the flag is looked at again."""
    with immediate(db):
        if not queries.edit_story(db, story_id, title, body, rules.mentions_self_harm(title, body)):
            raise NotWaiting()
        audit.record(db, action="story_edited", now=now, user_id=user_id, story_id=story_id)


def publish(db, story_id, checked, user_id, now):
    """Publish a waiting story; a flagged one needs `checked`. Tells a confirmed author, then forgets the address."""
    with immediate(db):
        story = queries.story(db, story_id)
        if story is None or not rules.can_act(story["status"]):
            raise NotWaiting()
        if story["flagged"] and not checked:
            raise CheckNeeded()
        address = crypto.decrypt(story["email_encrypted"]) if story["email_confirmed"] else None
        queries.publish(db, story_id, clock.iso(now), local_day(now).isoformat())
        if address:
            subject, text, html = render_email("story_published", language=story["language"],
                                               story_link=absolute_url("stories.show", story_id=story_id))
            enqueue(db, kind=MAIL_KIND, to=address, subject=subject, text=text, html=html, personal=True, now=now)
        audit.record(db, action="story_published", now=now, user_id=user_id, story_id=story_id,
                     flagged=bool(story["flagged"]), told_author=bool(address))


def reject(db, story_id, reason, user_id, now):
    """Reject a waiting story with a reason; the address is deleted unused (it was only for a publication)."""
    with immediate(db):
        if not queries.reject(db, story_id, reason, local_day(now).isoformat()):
            raise NotWaiting()
        audit.record(db, action="story_rejected", now=now, user_id=user_id, story_id=story_id, reason=reason)
