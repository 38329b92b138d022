"""A check-in behind its link: open it, answer it once, or stop the follow-up altogether."""
from .. import clock, crypto
from .. import content as content_registry
from ..cases import queries as cases
from ..cases.withdrawal import stop_followup
from ..db import immediate
from ..mail.queries import cancel_unsent
from ..screening import content as screening_content
from ..screening import queries as screenings
from ..screening.scoring import score
from ..tokens import hash_token
from . import queries, rules, schedule
from .sending import MAIL_KIND

CHECKIN_SCORES = ("anxiety", "depression", "safety", "wellbeing")  # PHQ-4, the safety item, WHO-5
OPEN, ANSWERED, EXPIRED, STOPPED, NOT_YET = "open", "answered", "expired", "stopped", "not_yet"


def checkin_for_token(db, token):
    """The check-in behind a link, or None for an unknown or tampered token."""
    if not token or len(token) > 100:
        return None
    return queries.checkin_by_link(db, hash_token(token))


def state(checkin, now):
    """open, answered, stopped (consent withdrawn), expired, or not yet (a calendar link opened before its day)."""
    if checkin["answered_at"]:
        return ANSWERED
    if checkin["cancelled_at"]:
        return STOPPED
    if clock.local_day(now) < clock.local_day(clock.parse(checkin["due_at"])):
        return NOT_YET
    return OPEN if schedule.is_open(checkin, now, clock.parse) else EXPIRED


def items():
    """The screener's PHQ-4, safety and WHO-5 items, in the screener's order, with the screener's scales."""
    data = screening_content.get()
    return [item for item in data["items"] if item["score"] in CHECKIN_SCORES], data["scales"]


def scores(answers):
    """PHQ-4 subscales and total, WHO-5 (0-100) and the crisis flag, by the screener's own scoring."""
    data = screening_content.get()
    chosen, _scales = items()
    return score(answers, {**data, "items": chosen})


def submit(db, checkin, answers, satisfaction, remark, now):
    """Store one answer to an open check-in with its outcome against the shared screening, if any.

    Returns the stored values, or None when the link was used (or follow-up stopped) in the meantime.
    """
    result = scores(answers)
    outcome_rules = content_registry.get("outcomes")
    values = {
        "answered_at": clock.iso(now), "rules_version": outcome_rules["version"],
        "phq_anxiety": result["phq_anxiety"], "phq_depression": result["phq_depression"],
        "phq4": result["phq4"], "who5": result["who5"],
        "safety": next(answers[i["id"]] for i in items()[0] if i["score"] == "safety"),
        "satisfaction_overall": satisfaction["overall"], "satisfaction_help": satisfaction["help"],
        "satisfaction_recommend": satisfaction["recommend"],
        "remark_encrypted": crypto.encrypt(remark) if remark else None,
        **_outcome(db, checkin["case_id"], result, outcome_rules),
    }
    with immediate(db):
        if not queries.store_answer(db, checkin["id"], values):
            return None
    return {**values, "crisis": result["crisis"]}


def _outcome(db, case_id, after, outcome_rules):
    """The outcome against the screening the worker shared with the request; empty without one (no baseline)."""
    case = cases.get_case(db, case_id)
    before = screenings.current_screening(db, case["screening_id"]) if case and case["screening_id"] else None
    if not before or before.get("phq4") is None or before.get("who5") is None:
        return {}
    judged = rules.outcome(before, after, outcome_rules)
    return {"baseline_screening_id": before["id"], "outcome_change": judged.change,
            "recovered": int(judged.recovered), "reliably_recovered": int(judged.reliably_recovered)}


def stop(db, checkin, now):
    """Withdraw the follow-up consent of the check-in's case at once: no more check-ins, unsent ones cancelled."""
    with immediate(db):
        stop_followup(db, checkin["case_id"], now)
        queries.cancel_open(db, checkin["case_id"], clock.iso(now))
        cancel_unsent(db, checkin["case_id"], MAIL_KIND)


def stopped(db, checkin):
    """True when the case's follow-up consent is off."""
    case = cases.get_case(db, checkin["case_id"])
    return not case or not case["followup_consent"]
