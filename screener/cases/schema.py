"""Schema of cases and their history (case_events)."""
import json

from sqlite_utils import Migrations

# The set keeps the name it shipped with: databases record each applied step as (set name, step name).
migrations = Migrations("referral")


@migrations()
def create_cases(db):
    # A consenting worker's request to be contacted, followed by one provider.
    # A referral creates a new case for the next provider, linked by parent_case_id.
    db["cases"].create(
        {
            "id": int,
            "reference": str,  # short readable code shown to the worker, e.g. ZS-7KQ4M2
            "link_token": str,  # opaque, >=128 bits: the case link e-mailed to the provider team
            "withdraw_token_hash": str,  # sha256 of the worker's secret withdrawal token
            "parent_case_id": int,  # the case this one was referred from
            "screening_id": str,  # the screening this request came from (statistics)
            "share_results": int,  # 1 if the worker consented to share the screener results
            "followup_consent": int,  # 1 if the worker agreed to a later check-in
            "choice": str,  # employer | region | auto
            "provider_id": str,  # key in providers.yml; null = coordinators' queue
            "step": int,  # 1, 2 or 3
            "urgent": int,  # 1 for a red band or crisis answer: the short deadline
            "status": str,  # new | claimed | contacted | closed
            "outcome": str,  # transitions.CLOSE_OUTCOMES or referred
            "assigned_user_id": int,
            "created_at": str,
            "due_at": str,
            "claimed_at": str,
            "first_contact_at": str,  # stops the waiting-time clock
            "closed_at": str,
            "contact_encrypted": str,  # Fernet token of {name, phone, email, note}; erased on withdrawal/retention
            "contact_erased_at": str,
            "preferred_channel": str,  # phone | email
            "preferred_moments": str,  # JSON list of vocabulary.MOMENTS (renamed by shift_friendly_contact_moments)
            "language": str,
            "province": str,
            "sector": str,  # copied from the screening for the reports
            "gender": str,
            "reminder_sent_at": str,  # SLA clock: each at most once
            "escalated_at": str,
        },
        pk="id",
        not_null={"reference", "link_token", "status", "created_at", "due_at", "step"},
        defaults={"status": "new", "share_results": 0, "followup_consent": 0, "urgent": 0},
        foreign_keys=[("parent_case_id", "cases", "id"), ("screening_id", "screenings", "id")],
    )
    db["cases"].create_index(["reference"], unique=True)
    db["cases"].create_index(["link_token"], unique=True)
    db["cases"].create_index(["provider_id", "status"])
    db["cases"].create_index(["created_at"])

    # What happened to a case, in order: the history providers and coordinators read.
    db["case_events"].create(
        {
            "id": int,
            "case_id": int,
            "at": str,
            "user_id": int,  # null for the system or the worker
            "kind": str,  # created, claimed, attempt, first_contact, referred, closed, withdrawn, reminder, escalation
            "detail": str,  # JSON, never contact details
        },
        pk="id",
        not_null={"case_id", "at", "kind"},
        foreign_keys=[("case_id", "cases", "id")],
    )
    db["case_events"].create_index(["case_id", "at"])


@migrations()
def requests_counted_apart_from_cases(db):
    # A request without shared results must not be tied to its anonymous screening: sector and
    # gender (from the screener) no longer sit on the case but are counted per Belgian day of the
    # request, with no link to it. The case keeps the province the worker chose on the form.
    from ..clock import local_day, parse
    from .queries import add_to_tally

    db.execute("PRAGMA secure_delete=ON")  # the old values must not linger in free pages
    db.execute("CREATE TABLE request_tallies (day TEXT NOT NULL, dimension TEXT NOT NULL, value TEXT NOT NULL,"
               " count INTEGER NOT NULL, PRIMARY KEY (day, dimension, value)) WITHOUT ROWID")
    for created, sector, gender in db.execute(
            "SELECT created_at, sector, gender FROM cases WHERE parent_case_id IS NULL").fetchall():
        add_to_tally(db, local_day(parse(created)).isoformat(), {"sector": sector, "gender": gender})
    db.execute("ALTER TABLE cases DROP COLUMN sector")
    db.execute("ALTER TABLE cases DROP COLUMN gender")


@migrations()
def hash_case_link_tokens(db):
    # The case link's token is a secret like the others: only its hash is kept, so a copy of the
    # database opens no case link. Links e-mailed before keep working: their hash is looked up.
    from ..tokens import hash_token

    db.execute("ALTER TABLE cases RENAME COLUMN link_token TO link_token_hash")
    db.execute("DROP INDEX IF EXISTS idx_cases_link_token")
    for case_id, token in db.execute("SELECT id, link_token_hash FROM cases").fetchall():
        db.execute("UPDATE cases SET link_token_hash = ? WHERE id = ?", [hash_token(token), case_id])
    db["cases"].create_index(["link_token_hash"], unique=True)


@migrations()
def note_a_reported_safety_concern(db):
    # 1 when the worker answered the screener's safety question positively (thoughts of death or
    # of self-harm): the team always learns it, even when the results were not shared.
    db.execute("ALTER TABLE cases ADD COLUMN safety_concern INTEGER NOT NULL DEFAULT 0")


# The moment keys before shift-friendly moments; "weekend" kept its key. Frozen with the step below.
OLD_MOMENT_KEYS = {"weekday_morning": "morning", "weekday_afternoon": "afternoon", "weekday_evening": "evening"}


def renamed_moments(stored):
    """A stored JSON list of moments with the old keys renamed (order kept, no doubles); None stays None."""
    if not stored:
        return stored
    renamed = [OLD_MOMENT_KEYS.get(moment, moment) for moment in json.loads(stored)]
    return json.dumps(list(dict.fromkeys(renamed)))


@migrations()
def shift_friendly_contact_moments(db):
    # Moments a shift worker can use (after a night shift, morning, afternoon, evening, weekend),
    # "not before HH:MM" and "send a text first". The note travels with the encrypted contact details.
    db.execute("ALTER TABLE cases ADD COLUMN not_before TEXT")  # "HH:MM" or null
    db.execute("ALTER TABLE cases ADD COLUMN text_first INTEGER NOT NULL DEFAULT 0")  # 1: text before calling
    for case_id, stored in db.execute(
            "SELECT id, preferred_moments FROM cases WHERE preferred_moments IS NOT NULL").fetchall():
        renamed = renamed_moments(stored)
        if renamed != stored:
            db.execute("UPDATE cases SET preferred_moments = ? WHERE id = ?", [renamed, case_id])


@migrations()
def carry_the_referrers_note(db):
    # A referred case carries the referring team's note to the next team, encrypted like the
    # contact details (it may name the person), and erased with them.
    db.execute("ALTER TABLE cases ADD COLUMN handover_encrypted TEXT")


@migrations()
def count_the_conversations_at_closing(db):
    # How many conversations the team had with the worker, given (optionally) when closing the case.
    db.execute("ALTER TABLE cases ADD COLUMN conversations INTEGER")
