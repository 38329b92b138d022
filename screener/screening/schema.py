"""Schema of the anonymous screenings."""
from sqlite_utils import Migrations

migrations = Migrations("screening")


@migrations()
def create_screenings(db):
    # One anonymous run through the screener: no IP address, no user agent, no identity.
    db["screenings"].create(
        {
            "id": str,  # random, unguessable; linked to the browser only by the session cookie
            "started_at": str,  # ISO UTC
            "updated_at": str,
            "completed_at": str,  # null until the results were shown
            "status": str,  # in_progress | completed | abandoned
            "language": str,  # nl | en
            "current_item": str,  # the item shown last: where an abandoned run stopped
            "answers": str,  # JSON {item_id: value}
            "phq_anxiety": int,
            "phq_depression": int,
            "phq4": int,
            "who5": int,  # 0-100
            "band": str,  # green | orange | red
            "crisis": int,  # 1 when the safety item was answered above 0
            "gender": str,  # optional; null = not answered or "wens niet te antwoorden"
            "sector": str,
            "province": str,
        },
        pk="id",
        not_null={"started_at", "updated_at", "status", "language"},
        defaults={"status": "in_progress", "answers": "{}", "crisis": 0},
    )
    db["screenings"].create_index(["started_at"])
    db["screenings"].create_index(["status"])
