"""What a worker does with a story: share it, confirm their address, withdraw it, mark it as helpful, read it."""
from datetime import timedelta

from flask import request

from .. import clock, crypto
from ..clock import local_day
from ..db import immediate
from ..mail.outbox import enqueue
from ..mail.render import render_email
from ..tokens import hash_token, new_token_and_hash
from ..visits import queries as visit_queries
from ..visits import rules as visit_rules
from ..web import absolute_url
from . import queries, rules

MAIL_KIND = "story"
SECTION = "stories"  # their own daily pseudonym: a "dit hielp mij ook" is not tied to the visitor's page views


def submit(db, values, now, language="nl"):
    """Store a new story for moderation (and ask to confirm the address, if one was given).

    Returns the author's withdraw token, to show once on the thank-you screen.
    """
    withdraw_token, withdraw_hash = new_token_and_hash()
    confirm_token = confirm_hash = None
    if values["email"]:
        confirm_token, confirm_hash = new_token_and_hash()
    with immediate(db):
        queries.insert_story(
            db, title=values["title"], body=values["body"], author_name=values["name"] or None,
            sector=values["sector"] or None, language=language,
            flagged=rules.mentions_self_harm(values["title"], values["body"]),
            submitted_at=clock.iso(now), submitted_day=local_day(now).isoformat(), withdraw_hash=withdraw_hash,
            email_encrypted=crypto.encrypt(values["email"]) if values["email"] else None,
            email_confirm_hash=confirm_hash)
        if confirm_token:
            subject, text, html = render_email("story_confirm", language=language,
                                               confirm_link=absolute_url("stories.confirm", token=confirm_token))
            enqueue(db, kind=MAIL_KIND, to=values["email"], subject=subject, text=text, html=html, personal=True,
                    now=now)
    return withdraw_token


def confirm(db, token):
    """Use a confirmation link (once); True when the address is confirmed now."""
    with immediate(db):
        return queries.confirm_email(db, hash_token(token))


def story_for_withdraw(db, token):
    """The story behind a withdraw link, or None."""
    return queries.by_withdraw_hash(db, hash_token(token))


def withdraw(db, token, now):
    """Take the author's story down at once; True when there was one to take down."""
    with immediate(db):
        return queries.withdraw(db, hash_token(token), clock.iso(now)) is not None


def visitor_today(db, now):
    """This browser's pseudonym for today: the visits' daily HMAC of address and agent, no cookie."""
    secret = visit_queries.day_secret(db, local_day(now).isoformat())
    return visit_rules.visitor_hash(secret, request.remote_addr, request.headers.get("User-Agent"), SECTION)


def mark_helped(db, story_id, now):
    """Count "dit hielp mij ook" at most once per browser per day; returns (counted now?, the new count)."""
    with immediate(db):
        counted = queries.add_helped(db, story_id, local_day(now).isoformat(), visitor_today(db, now))
        return counted, queries.helped_count(db, story_id)


def count_read(db, story_id, now):
    """One read of a story today (no visitor data)."""
    with immediate(db):
        queries.add_read(db, story_id, local_day(now).isoformat())


def shown(story, now):
    """True when a story is published and its two years are not over."""
    return story is not None and story["status"] == "published" and not rules.is_expired(
        clock.parse(story["published_at"]), now)


REJECTED_KEEP_DAYS = 30  # a rejected story's words, for a question of its author about the reason


def forget_old_words(db, now):
    """Retention: the words of stories past their two years, and of stories rejected a month ago; returns how many."""
    return queries.erase_old_words(db, clock.iso(rules.shown_since(now)),
                                   (local_day(now) - timedelta(days=REJECTED_KEEP_DAYS)).isoformat())
