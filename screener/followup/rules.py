"""Outcome rules of a follow-up: caseness, reliable change, recovery and a group's WHO-5 change.

Pure: no Flask, no database. Scores are plain dicts with phq_anxiety, phq_depression (0-6 each),
phq4 (0-12) and who5 (0-100), as screening.scoring.score gives them; `rules` is the loaded
outcome content (screener/content/outcomes.yml).
"""
from dataclasses import dataclass

IMPROVEMENT = "reliable_improvement"
DETERIORATION = "reliable_deterioration"
NO_CHANGE = "no_reliable_change"


@dataclass(frozen=True)
class Outcome:
    """One person's outcome between two screenings, with the version of the rules that judged it."""
    case_at_start: bool
    case_at_end: bool
    change: str
    recovered: bool
    reliably_recovered: bool
    phq4_change: int
    who5_change: int
    rules_version: str


@dataclass(frozen=True)
class GroupChange:
    """A group's mean WHO-5 change over its paired screenings."""
    mean: float
    meaningful: bool
    pairs: int


def is_case(scores, rules):
    """True when the anxiety or the depression subscale is at or above the caseness threshold."""
    limit = rules["caseness"]["subscale_min"]
    return scores["phq_anxiety"] >= limit or scores["phq_depression"] >= limit


def _better_and_worse(before, after, rules):
    """(reliably better on a measure, reliably worse on a measure)."""
    limits = rules["reliable_change"]
    phq4 = after["phq4"] - before["phq4"]  # lower is better
    who5 = after["who5"] - before["who5"]  # higher is better
    better = phq4 <= -limits["phq4_drop"] or who5 >= limits["who5_rise"]
    worse = phq4 >= limits["phq4_drop"] or who5 <= -limits["who5_rise"]
    return better, worse


def change(before, after, rules):
    """reliable_improvement, reliable_deterioration or no_reliable_change between two screenings.

    Improvement: PHQ-4 down by at least phq4_drop or WHO-5 up by at least who5_rise, without a
    reliable worsening on the other measure; deterioration is the reverse. When one measure
    reliably improves and the other reliably worsens, the measures contradict each other and the
    result is no_reliable_change.
    """
    better, worse = _better_and_worse(before, after, rules)
    if better and not worse:
        return IMPROVEMENT
    if worse and not better:
        return DETERIORATION
    return NO_CHANGE


def recovered(before, after, rules):
    """A case at the start and no longer a case (someone who was not a case never "recovers")."""
    return is_case(before, rules) and not is_case(after, rules)


def reliably_recovered(before, after, rules):
    """Recovered and reliably improved."""
    return recovered(before, after, rules) and change(before, after, rules) == IMPROVEMENT


def outcome(before, after, rules):
    """Every outcome of one pair of screenings, with the rules' version to store beside it."""
    judged = change(before, after, rules)
    was_recovered = recovered(before, after, rules)
    return Outcome(
        case_at_start=is_case(before, rules),
        case_at_end=is_case(after, rules),
        change=judged,
        recovered=was_recovered,
        reliably_recovered=was_recovered and judged == IMPROVEMENT,
        phq4_change=after["phq4"] - before["phq4"],
        who5_change=after["who5"] - before["who5"],
        rules_version=rules["version"],
    )


def group_who5_change(pairs, rules):
    """The mean WHO-5 change over (before, after) pairs and whether it moved at least the meaningful
    difference, up or down (the sign of the mean says which); None without pairs."""
    changes = [after["who5"] - before["who5"] for before, after in pairs]
    if not changes:
        return None
    mean = sum(changes) / len(changes)
    return GroupChange(mean=mean, meaningful=abs(mean) >= rules["group"]["who5_meaningful"], pairs=len(changes))
