"""Demo case history for `flask demo`: requests made from the demo screenings, followed up by the teams.

Every case is made by the real create_case (its deadline in working time) and moves on through
the real case actions, dated when they happened; referrals create the next case up the steps.
No e-mail is queued: the teams of the past need no notice.
"""
import math
from datetime import date, timedelta

import click
from flask import current_app

from .. import clock, demo
from ..clock import local_day
from ..db import immediate
from ..cases import actions as casework, handover, queries
from ..cases.create import create_case
from ..cases.providers import get_providers
from ..cases.vocabulary import MOMENTS, NOT_BEFORE_HOURS
from ..screening.demo import GENDERS, PROVINCES, SECTORS, pick
from ..screening.queries import completed_screenings
from ..screening.scoring import result_band
from ..staff.queries import all_users

# About 4 % of completed screenings (more of the orange and red ones) lead to a request.
CHANCES = {"green": 0.016, "orange": 0.08, "red": 0.14}
CONTACT = {"name": "Demo", "phone": "+32 470 00 00 00", "email": None}
AGREED_VIA = "phone"  # demo referrals: the worker agreed on the phone
FOLLOWUP_CONSENT = 0.6  # "Je mag me later nog eens vragen hoe het met me gaat"


def _providers():
    try:
        return [p for p in get_providers() if p.active]
    except Exception:  # no providers file: no cases to show
        return []


def seed(app, db):
    """Requests from a share of the completed demo screenings, with their follow-up (skipped when cases exist)."""
    providers = _providers()
    if not providers or queries.has_cases(db):
        return
    rng = demo.rng("cases")
    wishes = demo.rng("case-wishes")  # its own generator: the demo's cases stay the same as before
    talks = demo.rng("case-conversations")  # likewise for how many conversations a closed case had
    consents = demo.rng("case-followup")  # likewise for who may be asked later how they are
    now = clock.now()
    by_step = {s: [p for p in providers if p.step == s] for s in (1, 2, 3)}
    # The teams' demo accounts act on their cases (seeded before this); without one, the system does.
    members = {u["org_id"]: u["id"] for u in all_users(db) if u["role"] == "member" and not u["disabled_at"]}

    def provider_for(step, province):
        fitting = [p for p in by_step.get(step, []) if province in p.provinces] or by_step.get(step, [])
        return rng.choice(fitting) if fitting else None

    made = 0
    for screening in completed_screenings(db):
        if rng.random() >= CHANCES[screening["band"]]:
            continue
        created = demo.moment(rng, date.fromisoformat(screening["day"]))
        if created > now:
            continue
        red = screening["band"] == "red"
        step = rng.choices([1, 2, 3], [30, 45, 25] if red else [50, 42, 8])[0]
        # What the worker entered on the request form; about half share their results with the team.
        request = {"province": pick(rng, PROVINCES), "shared": rng.random() < 0.5,
                   "screening_id": screening["id"], "followup": consents.random() < FOLLOWUP_CONSENT,
                   **_wishes(wishes)}
        with immediate(db):
            case = _create(db, request, provider_for(step, request["province"]), created, red,
                           choice="employer" if step == 1 else "region")
            if case is not None:  # counted apart from the case, as a real request is
                queries.add_to_tally(db, local_day(created).isoformat(),
                                     {"sector": pick(rng, SECTORS), "gender": pick(rng, GENDERS),
                                      "band": result_band(screening["band"], screening["crisis"])})
        while case is not None:
            made += 1
            case = _follow_up(db, rng, case, request, now, members.get(case["provider_id"]),
                              next_provider=lambda s: provider_for(s, request["province"]), talks=talks)
    click.echo(f"  a year of requests: {made} cases")


def _wishes(rng):
    """When a demo worker likes to be called: a few moments, sometimes "not before" and "text me first"."""
    return {"moments": rng.sample(MOMENTS, rng.choice([0, 1, 1, 2])),
            "not_before": rng.choice(NOT_BEFORE_HOURS) if rng.random() < 0.2 else None,
            "text_first": rng.random() < 0.3}


def _create(db, request, provider, created, urgent, choice, parent=None):
    if provider is None:
        return None
    return create_case(
        db, choice=choice, step=provider.step, provider_id=provider.id, now=created, urgent=urgent,
        contact=CONTACT, screening_id=request["screening_id"] if request["shared"] else None,
        share_results=request["shared"], followup_consent=request["followup"], preferred_channel="phone", preferred_moments=request["moments"],
        not_before=request["not_before"], text_first=request["text_first"], language="nl", province=request["province"],
        parent_case_id=parent["id"] if parent else None, detail=_story(db, parent) if parent else None)


def _story(db, parent):
    """What a live referral tells the next team (cases.handover): where from, the agreement, the attempts."""
    return {"referred_from": parent["reference"], "from_step": parent["step"], "from_provider": parent["provider_id"],
            "agreed_via": AGREED_VIA, **handover.attempts_summary(parent, queries.attempts(db, parent["id"]))}


# How a reached case ends (weights), and how many conversations that took.
CLOSED_AFTER_CONTACT = {"supported": 55, "ongoing": 22, "referred_outside": 8, "declined": 8, "withdrawn": 7}
CONVERSATIONS = {"supported": (1, 2), "ongoing": (3, 12), "referred_outside": (1, 2), "declined": (1, 1),
                 "withdrawn": (0, 1)}


def _follow_up(db, rng, case, request, now, user_id, next_provider, talks):
    """Claim, contact and close (or refer) one case at plausible moments up to now; returns the next case, if any."""
    created = clock.parse(case["created_at"])
    wait = timedelta(hours=rng.lognormvariate(math.log(20 if case["step"] == 1 else 30), 0.7))
    claimed, contact = created + wait / 3, created + wait
    closed = contact + timedelta(days=rng.randrange(2, 30))
    refer = case["step"] < 3 and rng.random() < (0.22 if case["step"] == 1 else 0.12)
    if rng.random() < 0.06:
        outcome = "unreachable"
    elif refer:
        outcome = "referred"
    else:
        outcome = rng.choices(list(CLOSED_AFTER_CONTACT), list(CLOSED_AFTER_CONTACT.values()))[0]

    def act(action, at, **kwargs):
        if at > now:
            return False
        casework.act(db, case["id"], action, user_id=user_id, now=at, **kwargs)
        return True

    if not act("claim", claimed):
        return None
    if outcome == "unreachable":
        count = current_app.config["PARTNER_MIN_ATTEMPTS"]
        tries = [claimed + (closed - claimed) * k / (count + 1) for k in range(1, count + 1)]
        if all(act("attempt", at, detail={"channel": "phone", "reached": 0, "note": None}) for at in tries):
            act("close", closed, outcome="unreachable")
        return None
    # Reached, as a team notes it: one attempt that reaches the worker is the first contact.
    if not act("attempt", contact, detail={"channel": "phone", "reached": 1, "note": None}, contact_at=contact):
        return None
    if outcome != "referred":
        act("close", closed, outcome=outcome, conversations=talks.randint(*CONVERSATIONS[outcome]))
        return None
    provider = next_provider(case["step"] + 1)
    if provider is None or closed > now:
        return None
    child = {}

    def create_next(db, parent, at):
        child.update(_create(db, request, provider, at, bool(parent["urgent"]), "referral", parent=parent))
        return {"to_case": child["reference"], "to_step": provider.step}

    act("refer", closed, detail={"provider_id": provider.id, "agreed_via": AGREED_VIA}, after=create_next)
    return child
