"""The completed screening of this browser's session, for other features (the request form)."""
from flask import session

from ..db import get_db
from .queries import current_screening


def completed_screening():
    """The completed screening row (dict: id, band, crisis, gender, sector, province, phq4, who5 ...) or None."""
    screening = current_screening(get_db(), session.get("screening_id"))
    if screening is None or screening["status"] != "completed":
        return None
    return screening
