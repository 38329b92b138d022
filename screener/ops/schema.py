"""Schema of the ops feature: anonymous aggregates that outlive the details retention erases."""
from sqlite_utils import Migrations

migrations = Migrations("ops")


@migrations()
def create_screening_aggregates(db):
    # Abandoned screenings older than the retention period lose their answers and optional
    # fields; their breakdowns are kept here first, as counts without any row identity.
    db["screening_aggregates"].create(
        {
            "day": str,  # YYYY-MM-DD (UTC) the screening started
            "status": str,  # abandoned
            "stopped_at_item": str,  # the item shown last (drop-out point)
            "band": str,
            "gender": str,
            "sector": str,
            "province": str,
            "language": str,
            "crisis": int,
            "count": int,
        },
        not_null={"day", "status", "count"},
    )
    db["screening_aggregates"].create_index(["day"])
