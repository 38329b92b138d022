"""Figures about requests and cases (pure): chains of referrals, waiting times, open and overdue.

Cases are plain dicts with the columns of the `cases` table; timestamps are ISO texts in UTC.
A request is a case without parent; a referral adds a child case for the next step.
"""
from .. import clock
from ..cases import transitions


def chains(cases):
    """{root id: [root case, referred case, ...]} following parent_case_id from every request."""
    children = {}
    for case in cases:
        if case["parent_case_id"] is not None:
            children.setdefault(case["parent_case_id"], []).append(case)
    result = {}
    for case in cases:
        if case["parent_case_id"] is None:
            chain, current = [case], case
            while children.get(current["id"]):
                current = min(children[current["id"]], key=lambda c: (c["created_at"], c["id"]))
                chain.append(current)
            result[case["id"]] = chain
    return result


def step_path(chain):
    """The steps a request went through, e.g. '1 → 2 → 3'."""
    return " → ".join(str(case["step"]) for case in chain)


def final_state(chain):
    """The outcome of the last case of a chain, or 'open' while it is not closed."""
    last = chain[-1]
    return last["outcome"] if last["status"] == "closed" and last["outcome"] else "open"


def contacted_in_time(case):
    """True when first contact came on or before the deadline."""
    return bool(case["first_contact_at"]) and clock.parse(case["first_contact_at"]) <= clock.parse(case["due_at"])


def waiting_hours(case):
    """Hours from the request to the first contact (None while waiting)."""
    if not case["first_contact_at"]:
        return None
    return (clock.parse(case["first_contact_at"]) - clock.parse(case["created_at"])).total_seconds() / 3600


def waits(cases, now):
    """[(hours, in time?)] for contacted cases, plus cases still waiting past their deadline.

    A case still waiting past its deadline counts as late with the hours waited so far; a case
    closed without contact (withdrawn, unreachable) or not yet due is left out.
    """
    result = []
    for case in cases:
        hours = waiting_hours(case)
        if hours is not None:
            result.append((hours, contacted_in_time(case)))
        elif case["status"] != "closed" and clock.parse(case["due_at"]) < now:
            result.append(((now - clock.parse(case["created_at"])).total_seconds() / 3600, False))
    return result


def is_overdue(case, now):
    """Still waiting for first contact at or after the deadline: the partners' own rule, at `now` (aware)."""
    return transitions.is_overdue(case, clock.iso(now))
