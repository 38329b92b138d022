"""The health decision, pure: is the site able to take requests and deliver their e-mail?"""


def assess(database_ok, waiting, oldest_waiting, dead, now, max_age_minutes, max_waiting):
    """A JSON-ready report and whether it is healthy. `oldest_waiting` and `now` are aware datetimes or None."""
    age = None if oldest_waiting is None else max(0, round((now - oldest_waiting).total_seconds() / 60))
    outbox_ok = database_ok and waiting <= max_waiting and (age is None or age <= max_age_minutes)
    healthy = database_ok and outbox_ok
    report = {
        "status": "ok" if healthy else "unhealthy",
        "database": "ok" if database_ok else "unavailable",
        "outbox": {
            "status": "ok" if outbox_ok else ("unknown" if not database_ok else "backlog"),
            "waiting": waiting,
            "oldest_waiting_minutes": age,
            "dead": dead,
        },
    }
    return healthy, report
