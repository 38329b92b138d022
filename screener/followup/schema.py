"""Schema of the follow-up: the check-ins of workers who agreed to be asked later how they are, and their links."""
from sqlite_utils import Migrations

migrations = Migrations("followup")


@migrations()
def create_followup_tables(db):
    # One row per check-in of a case (4w, 3m, 6m): when it was due and sent, its reminders, and
    # the answers' scores. No names, no addresses: the address is read from the case when mailing.
    db["followup_checkins"].create(
        {
            "id": int,
            "case_id": int,
            "kind": str,  # 4w, 3m or 6m
            "due_at": str,
            "sent_at": str,
            "expires_at": str,  # the links stop working then
            "reminders_sent": int,
            "last_reminder_at": str,
            "cancelled_at": str,  # follow-up consent withdrawn before an answer
            "answered_at": str,
            "rules_version": str,  # the outcome rules that judged the answer
            "phq_anxiety": int,
            "phq_depression": int,
            "phq4": int,
            "who5": int,  # 0-100
            "safety": int,  # the safety item's answer
            "satisfaction_overall": int,  # 1-5
            "satisfaction_help": str,  # yes, partly, no
            "satisfaction_recommend": str,  # yes, maybe, no
            "remark_encrypted": str,  # Fernet; never published
            # Against the case's shared screening; all null without one (no baseline).
            "baseline_screening_id": str,
            "outcome_change": str,  # reliable_improvement, reliable_deterioration, no_reliable_change
            "recovered": int,
            "reliably_recovered": int,
        },
        pk="id",
        not_null={"case_id", "kind", "due_at"},
        defaults={"reminders_sent": 0},
        foreign_keys=[("case_id", "cases", "id")],
        if_not_exists=True,
    )
    db["followup_checkins"].create_index(["case_id", "kind"], unique=True, if_not_exists=True)
    # Every e-mail carries its own single-use link: only the hash of its 128-bit token is stored,
    # so a reminder makes a new link and the earlier ones keep working until the check-in is answered.
    db["followup_links"].create(
        {"token_hash": str, "checkin_id": int, "created_at": str},
        pk="token_hash",
        not_null={"checkin_id", "created_at"},
        foreign_keys=[("checkin_id", "followup_checkins", "id")],
        if_not_exists=True,
    )
    db["followup_links"].create_index(["checkin_id"], if_not_exists=True)
