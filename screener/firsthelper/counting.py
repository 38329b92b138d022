"""Which day a visit or play is counted on: the Belgian calendar day, as the reports count it."""
from ..clock import local_day


def count_day(moment):
    """The Belgian calendar date of an aware `moment`, as YYYY-MM-DD (a day as a Flemish visitor lives it)."""
    return local_day(moment).isoformat()
