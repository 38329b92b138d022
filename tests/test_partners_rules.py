"""The pure decisions of the partners feature: transitions, session limits, codes, working-time halfway."""
from datetime import datetime, time, timedelta, timezone

import pyotp
import pytest

from screener.cases import transitions
from screener.staff import passwords, totp
from screener.staff.sessions import session_expired
from screener.cases.sla import needs_escalation, needs_reminder, reminder_at, working_time_between
from screener.cases.workingtime import WorkingHours

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("status, action, outcome, attempts, expected", [
    ("new", "claim", None, 0, None),
    ("claimed", "claim", None, 0, "already_claimed"),
    ("new", "first_contact", None, 0, "not_claimed"),
    ("claimed", "first_contact", None, 0, None),
    ("contacted", "first_contact", None, 0, "already_contacted"),
    ("new", "attempt", None, 0, "not_claimed"),
    ("contacted", "attempt", None, 0, None),
    ("claimed", "close", "supported", 0, "needs_contact"),
    ("contacted", "close", "supported", 0, None),
    ("claimed", "close", "unreachable", 2, "too_few_attempts"),
    ("claimed", "close", "unreachable", 3, None),
    ("contacted", "close", "unreachable", 5, "already_contacted"),
    ("new", "close", "withdrawn", 0, None),
    ("new", "close", "declined", 0, "not_claimed"),
    ("claimed", "close", "referred", 0, "unknown_outcome"),
    ("closed", "claim", None, 0, "closed"),
    ("closed", "close", "withdrawn", 0, "closed"),
    ("new", "fly", None, 0, "unknown_action"),
])
def test_transition_table(status, action, outcome, attempts, expected):
    case = {"status": status, "provider_id": "a"}
    assert transitions.refusal(action, case, outcome=outcome, unreached_attempts=attempts, min_attempts=3) == expected


def test_referral_needs_another_provider():
    case = {"status": "claimed", "provider_id": "a"}
    assert transitions.refusal("refer", case, target_provider="a") == "same_provider"
    assert transitions.refusal("refer", case, target_provider="b") is None
    assert transitions.changes("refer", case, now_iso="t", user_id=1) == {"status": "closed", "outcome": "referred", "closed_at": "t"}


def test_session_limits():
    assert not session_expired(T0, T0 + timedelta(minutes=29), T0 + timedelta(minutes=58), 30, 8)
    assert session_expired(T0, T0, T0 + timedelta(minutes=30), 30, 8)
    assert session_expired(T0, T0 + timedelta(hours=8), T0 + timedelta(hours=8), 30, 8)


def test_code_accepted_once_with_one_step_of_drift():
    secret = pyotp.random_base32()
    code = pyotp.TOTP(secret).at(T0)
    step = totp.accepted_step(secret, code, T0)
    assert step == pyotp.TOTP(secret).timecode(T0)
    assert totp.accepted_step(secret, code, T0 + timedelta(seconds=30)) == step  # one step late: still fine
    assert totp.accepted_step(secret, code, T0 + timedelta(seconds=90)) is None  # too late
    assert totp.accepted_step(secret, code, T0, last_step=step) is None  # replay
    assert totp.accepted_step(secret, code[:3] + " " + code[3:], T0) == step  # spaces are ignored
    assert totp.accepted_step(secret, "abc", T0) is None


def test_enrolment_qr_is_an_image_data_uri():
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXPJBSWY3DP", "a@b.example", "ZorgSamen")
    assert uri.startswith("otpauth://totp/ZorgSamen:a%40b.example?secret=JBSWY3DPEHPK3PXPJBSWY3DP")
    assert totp.qr_data_uri(uri).startswith("data:image/svg+xml")


def test_passwords_are_argon2_and_checked():
    stored = passwords.hash_password("lente-in-gent-2026")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "lente-in-gent-2026")
    assert not passwords.verify_password(stored, "zomer-in-gent-2026")
    assert not passwords.verify_password(None, "no account has this password")
    assert passwords.password_problem("kort") == "too_short"
    assert passwords.password_problem("iemand@x.example", "iemand@x.example") == "is_email"


NINE_TO_FIVE = WorkingHours(days=(0, 1, 2, 3, 4), start=time(9), end=time(17))


def test_working_time_and_its_halfway_point_skip_nights_weekends_and_holidays():
    friday_16h = datetime(2026, 11, 6, 15, 0, tzinfo=timezone.utc)
    thursday_16h = datetime(2026, 11, 12, 15, 0, tzinfo=timezone.utc)  # 11 November (Wednesday) is a holiday
    assert working_time_between(friday_16h, thursday_16h, NINE_TO_FIVE) == timedelta(hours=1 + 8 + 8 + 7)
    # Halfway: 12 h = Friday 1 h + Monday 8 h + Tuesday 3 h -> Tuesday 12:00 Brussels time.
    assert reminder_at(friday_16h, thursday_16h, NINE_TO_FIVE) == datetime(2026, 11, 10, 11, 0, tzinfo=timezone.utc)


def test_reminder_and_escalation_conditions():
    case = {"status": "new", "provider_id": "p", "reminder_sent_at": None, "escalated_at": None,
            "first_contact_at": None, "created_at": "2026-11-23T09:00:00+00:00", "due_at": "2026-11-24T09:00:00+00:00"}
    halfway = datetime(2026, 11, 23, 13, 0, tzinfo=timezone.utc)  # 10:00 + 4 h of a 9-17 day
    assert not needs_reminder(case, halfway - timedelta(minutes=1), NINE_TO_FIVE)
    assert needs_reminder(case, halfway, NINE_TO_FIVE)
    assert not needs_reminder({**case, "reminder_sent_at": "x"}, halfway, NINE_TO_FIVE)
    assert not needs_reminder({**case, "status": "claimed"}, halfway, NINE_TO_FIVE)
    due = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)
    assert not needs_escalation(case, due - timedelta(seconds=1))
    assert needs_escalation(case, due)
    assert not needs_escalation({**case, "first_contact_at": "x"}, due)
    assert not needs_escalation({**case, "escalated_at": "x"}, due)


def test_first_contact_moment_is_read_in_belgian_time():
    from screener.partners.moments import first_contact_moment

    now = datetime(2026, 7, 1, 10, 0, tzinfo=timezone.utc)  # 12:00 in Brussels (summer time)
    created = now - timedelta(hours=3)
    assert first_contact_moment("", now=now, created_at=created) == (now, None)
    assert first_contact_moment("2026-07-01T11:15", now=now, created_at=created) == (now - timedelta(minutes=45), None)
    assert first_contact_moment("2026-07-01T12:03", now=now, created_at=created) == (now, None)  # a clock ahead
    assert first_contact_moment("2026-07-01T12:30", now=now, created_at=created) == (None, "future")
    assert first_contact_moment("2026-07-01T08:00", now=now, created_at=created) == (None, "before_request")
    assert first_contact_moment("1 juli", now=now, created_at=created) == (None, "invalid")
    assert first_contact_moment("2026-07-01T11:15+02:00", now=now, created_at=created) == (None, "invalid")
