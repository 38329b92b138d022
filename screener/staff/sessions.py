"""Session lifetime rules: idle and absolute expiry (pure, no Flask)."""
from datetime import timedelta


def session_expired(created_at, last_seen_at, now, idle_minutes, max_hours):
    """True when a session was idle too long or has lived past its absolute limit."""
    return now - last_seen_at >= timedelta(minutes=idle_minutes) or now - created_at >= timedelta(hours=max_hours)
