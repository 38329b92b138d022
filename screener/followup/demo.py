"""Demo follow-up for `flask demo`: answered check-ins of the demo cases whose worker agreed to be asked later.

Each check-in is made by the queries the follow-up job uses and answered through the real
check-in (scores, outcome against the shared screening, rules' version), dated when it happened
and never after the app clock's now. No e-mail is queued.
"""
from datetime import timedelta

import click

from .. import clock, demo
from ..cases import queries as cases
from ..db import immediate
from ..screening import queries as screenings
from . import checkin, queries, schedule
from .sending import settings

ANSWER_SHARE = 0.75  # some check-ins stay unanswered (and expire)
RECOVERS = 0.5  # about half of the workers get clearly better
SATISFACTION = {"overall": ([1, 2, 3, 4, 5], [3, 5, 12, 42, 38]), "help": (["yes", "partly", "no"], [62, 28, 10]),
                "recommend": (["yes", "maybe", "no"], [66, 24, 10])}


def seed(app, db):
    """Check-ins at 4 weeks, 3 months and (after recovery) 6 months for consenting demo cases (skipped when any exist)."""
    if queries.has_checkins(db):
        return
    rng = demo.rng("followup")
    now = clock.now()
    after_days, _reminders, link_days, recovery_days = settings(app.config)
    made = answered = 0
    for case in cases.followup_candidates(db):
        baseline = screenings.current_screening(db, case["screening_id"]) if case["screening_id"] else None
        start = _start(rng, baseline)
        recovers = rng.random() < RECOVERS
        first_contact = clock.parse(case["first_contact_at"])
        for kind, due in schedule.schedule(first_contact, after_days):
            if due > now:
                break
            made += 1
            better = recovers and (kind != schedule.KINDS[0] or rng.random() < 0.7)
            answered += _checkin(db, rng, case["id"], kind, due, now, link_days, start, better)
        # The 6-month check-in only after a 3-month answer that showed recovery, as the job does.
        due = first_contact + timedelta(days=recovery_days)
        if due <= now and queries.recovered_at(db, case["id"], schedule.KINDS[-1]):
            made += 1
            answered += _checkin(db, rng, case["id"], schedule.RECOVERY_KIND, due, now, link_days, start,
                                 rng.random() < 0.8)
    click.echo(f"  follow-up: {made} check-ins, {answered} answered")


def _start(rng, baseline):
    """(anxiety, depression, WHO-5 raw 0-25) at the start: the shared screening's, else a typical request's."""
    if baseline and baseline.get("phq4") is not None:
        return baseline["phq_anxiety"], baseline["phq_depression"], baseline["who5"] // 4
    return rng.randint(1, 5), rng.randint(1, 5), rng.randint(4, 14)


def _answers(rng, start, better):
    """{item id: value} of the check-in's questions: clearly better, or about as at the start."""
    anxiety, depression, wellbeing = start
    if better:
        anxiety, depression, wellbeing = rng.randint(0, 2), rng.randint(0, 2), min(25, wellbeing + rng.randint(5, 11))
    else:
        anxiety = max(0, min(6, anxiety + rng.choice([-1, 0, 0, 1])))
        depression = max(0, min(6, depression + rng.choice([-1, 0, 0, 1])))
        wellbeing = max(0, min(25, wellbeing + rng.randint(-4, 3)))
    totals = {"anxiety": anxiety, "depression": depression, "wellbeing": wellbeing, "safety": 0}
    items, _scales = checkin.items()
    answers = {}
    for score in totals:
        ids = [item["id"] for item in items if item["score"] == score]
        most = 3 if score != "wellbeing" else 5
        left = totals[score]
        for index, item_id in enumerate(ids):  # spread the total over the items of its scale
            value = min(most, -(-left // (len(ids) - index)))
            answers[item_id], left = value, left - value
    return answers


def _checkin(db, rng, case_id, kind, due, now, link_days, start, better):
    """One check-in sent when due; answered within its link's life when it is the past. Returns 1 if answered."""
    with immediate(db):
        checkin_id = queries.insert_checkin(db, case_id=case_id, kind=kind, due_at=clock.iso(due), sent_at=clock.iso(due),
                                            expires_at=clock.iso(schedule.expires(due, link_days)))
    at = due + timedelta(hours=rng.uniform(2, 24 * (link_days - 1)))
    if checkin_id is None or rng.random() >= ANSWER_SHARE or at > now:
        return 0
    satisfaction = {key: rng.choices(*SATISFACTION[key])[0] for key in SATISFACTION}
    if not better and satisfaction["overall"] > 3 and rng.random() < 0.4:
        satisfaction["overall"] -= 1
    stored = checkin.submit(db, {"id": checkin_id, "case_id": case_id}, _answers(rng, start, better), satisfaction,
                            None, at)
    return int(stored is not None)
