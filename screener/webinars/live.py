"""What happens on a live page: viewers counted, questions asked, votes and moderation (plain data and a clock)."""
from datetime import timedelta

from .. import clock
from ..db import immediate
from ..visits import queries as visit_queries
from ..visits.rules import visitor_hash
from . import queries, rules

# The viewers' pseudonym has a section of its own, so it cannot be matched with the site's page views.
SECTION = "webinars"


def visitor(db, now, address, agent):
    """Today's pseudonym of this browser for the webinars (changes at Belgian midnight). Call inside a write."""
    secret = visit_queries.day_secret(db, clock.local_day(now).isoformat())
    return visitor_hash(secret, address, agent, SECTION)


def count_viewer(db, session_id, now, address, agent):
    """Count one viewer of a session's live page (once per browser and day)."""
    with immediate(db):
        queries.add_viewer(db, session_id, visitor(db, now, address, agent))


def ask(db, session_id, text, name, now):
    """Store a question; returns True when it is held because it mentions suicide or self-harm."""
    flagged = rules.mentions_self_harm(text) or rules.mentions_self_harm(name or "")
    with immediate(db):
        queries.add_question(db, session_id, text, name, flagged, now)
    return flagged


def vote(db, question, now, address, agent):
    """One vote on an approved question per browser and day; True when it counted."""
    with immediate(db):
        return queries.add_vote(db, question["id"], visitor(db, now, address, agent))


def save_session(db, session_id, values, now):
    """Create (session_id None) or change a session; returns its id."""
    with immediate(db):
        if session_id is None:
            return queries.add_session(db, values, now)
        queries.update_session(db, session_id, values, now)
        return session_id


def moderate(db, question, action):
    """Apply a moderator's action; False when the rules do not allow it in the question's state."""
    changes = rules.next_state(question, action)
    if changes is None:
        return False
    with immediate(db):
        queries.change_question(db, question["id"], changes)
    return True


QUESTION_KEEP_DAYS = 90  # the words of live questions; how many were asked and answered stays


def forget_old_questions(db, now):
    """Retention: erase the words and names of questions asked more than QUESTION_KEEP_DAYS ago; returns how many."""
    return queries.erase_old_questions(db, clock.iso(now - timedelta(days=QUESTION_KEEP_DAYS)))
