"""This browser's screening, kept in its session, for the screener and for other features (the request form).

The session cookie is signed, not encrypted: anyone with the device could read it. So the run's
id and the optional profile travel in it encrypted with the app's keys. The profile lives only
there (and as counts per day): the request form reads it to pre-fill the province and to count
the request per sector and gender, without ever storing it beside the request.
"""
from flask import session

from .. import crypto
from ..db import get_db
from .queries import current_screening

SESSION_KEY = "screening"


def remembered():
    """{"id": ..., "profile": {...}} of this browser's screening, or {} (also for a value no key opens)."""
    value = session.get(SESSION_KEY)
    opened = crypto.decrypt(value) if isinstance(value, str) else None
    return opened if isinstance(opened, dict) else {}


def remember(screening_id, profile=None):
    """Keep this browser's screening (and, once completed, its optional profile) in the session, encrypted."""
    session[SESSION_KEY] = crypto.encrypt({"id": screening_id, "profile": profile or {}})


def forget():
    """Forget this browser's screening; returns its id or None."""
    screening_id = remembered().get("id")
    session.pop(SESSION_KEY, None)
    return screening_id


def own_screening():
    """This browser's screening (any status) as a dict, or None."""
    return current_screening(get_db(), remembered().get("id"))


def completed_screening():
    """The completed screening (dict: id, band, crisis, phq4, who5 ..., with gender, sector, province from
    the session) or None."""
    kept = remembered()
    screening = current_screening(get_db(), kept.get("id"))
    if screening is None or screening["status"] != "completed":
        return None
    profile = kept.get("profile") or {}
    return {**screening, **{field: profile.get(field) for field in ("gender", "sector", "province")}}


def screening_for_request():
    """What a request may know of this browser's screening: the completed run (as completed_screening),
    or, while a run is still going, only that its safety answer was positive (for "call me today"),
    without its id; else None."""
    completed = completed_screening()
    if completed is not None:
        return completed
    screening = own_screening()
    if screening is None or screening["status"] != "in_progress" or not screening["crisis"]:
        return None
    return {"id": None, "band": None, "crisis": 1, "gender": None, "sector": None, "province": None}


def barrier_answer():
    """The answer this browser gave to "Wat houdt je tegen?" for its screening, or None."""
    return remembered().get("barrier")


def remember_barrier_answer(key):
    """Keep the barrier answer beside this browser's screening (encrypted), so a second tap is not counted again.

    remember() starts afresh, so a new run (or a result opened from a link) may be answered once more.
    """
    kept = remembered()
    if kept.get("id"):
        session[SESSION_KEY] = crypto.encrypt({**kept, "barrier": key})


def feedback_answer():
    """The answer this browser gave to "Had je iets aan dit resultaat?" for its screening, or None."""
    return remembered().get("feedback")


def remember_feedback_answer(key):
    """Keep the feedback answer beside this browser's screening (encrypted), so a second tap is not counted again."""
    kept = remembered()
    if kept.get("id"):
        session[SESSION_KEY] = crypto.encrypt({**kept, "feedback": key})
