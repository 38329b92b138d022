"""The schema, as sqlite-utils Migrations sets, one per feature, applied in this order.

Each feature owns its set in its own `schema.py`; a schema step is one decorated
function that is never edited after it shipped (add a new step instead).
"""


def all_sets():
    """Every migration set, dependencies first."""
    from .firsthelper import schema as firsthelper
    from .mail import schema as mail
    from .ops import schema as ops
    from .referral import schema as referral
    from .reports import schema as reports
    from .screening import schema as screening
    from .staff import schema as staff
    from .visits import schema as visits

    return [
        screening.migrations,
        referral.migrations,
        mail.migrations,
        staff.migrations,
        firsthelper.migrations,
        visits.migrations,
        reports.migrations,
        ops.migrations,
    ]
