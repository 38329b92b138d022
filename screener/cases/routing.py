"""Which provider gets a request: the rules of the stepped model, as a pure function."""
from dataclasses import dataclass

CHOICES = ("employer", "region", "auto")


@dataclass(frozen=True)
class Route:
    """Where a request goes: provider_id None means the coordinators' queue (never dropped)."""

    provider_id: str | None
    step: int
    urgent: bool
    reason: str  # employer | region | urgent | no_employer | no_match


def _least_busy(candidates, open_counts):
    # Fewest open cases first; the id breaks ties so the choice is repeatable.
    return min(candidates, key=lambda p: (open_counts.get(p.id, 0), p.id)) if candidates else None


def regional(providers, step, province, open_counts):
    """The least busy active provider of `step` that serves `province`, or None."""
    candidates = [p for p in providers if p.active and p.step == step and province and province in p.provinces]
    return _least_busy(candidates, open_counts)


def employer_service(providers, employer_id):
    """The active step-1 service with this id, or None."""
    return next((p for p in providers if p.id == employer_id and p.active and p.step == 1), None)


def route(*, choice, providers, open_counts=None, employer_id=None, province=None, urgent=False):
    """Apply the routing rules to one request: whom the worker chose is whom they get.

    - "employer": that prevention service (step 1); "I don't know which" (no known active
      service) lets routing pick: step 2 of the province;
    - "region": the step-2 network of the province;
    - "auto": the employer's service when known, else step 2 of the province; on a red band or
      a crisis answer always step 2 of the province (the quickest route);
    - a red band or a crisis answer never changes a choice the worker made; it only sets the
      short deadline (`urgent`);
    - several eligible: the one with the fewest open cases; none: the coordinators' queue.
    """
    open_counts = open_counts or {}
    if choice == "employer" or (choice == "auto" and not urgent):
        found = employer_service(providers, employer_id) if employer_id else None
        if found:
            return Route(found.id, 1, urgent, "employer")
    found = regional(providers, 2, province, open_counts)
    if found is None:
        return Route(None, 2, urgent, "no_match")
    if choice == "employer":
        return Route(found.id, 2, urgent, "no_employer")
    return Route(found.id, 2, urgent, "urgent" if urgent else "region")
