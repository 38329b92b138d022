"""The schema, as sqlite-utils Migrations sets, one per feature, applied in this order.

Each feature owns its set in its own `schema.py`; a schema step is one decorated
function that is never edited after it shipped (add a new step instead). A database records
each applied step as (set name, function name): a set that moves to another package keeps
its name, or every existing database would run its steps again.
"""


def all_sets():
    """Every migration set, dependencies first."""
    from . import audit
    from .firsthelper import schema as firsthelper
    from .mail import schema as mail
    from .ops import schema as ops
    from .cases import schema as cases
    from .reports import schema as reports
    from .screening import schema as screening
    from .staff import schema as staff
    from .visits import schema as visits

    return [
        screening.migrations,
        cases.migrations,
        mail.migrations,
        staff.migrations,
        audit.migrations,
        firsthelper.migrations,
        visits.migrations,
        reports.migrations,
        ops.migrations,
    ]
