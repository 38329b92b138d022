"""Campaign codes: what a valid code is, new random codes, and ensure_code creating each code once."""
import pytest

from screener.campaigns import queries
from screener.campaigns.codes import ensure_code, is_valid_code, new_code

from helpers import MONDAY_10H


@pytest.mark.parametrize("code", ["abc", "poster-a3", "uz-gent-2026", "a" * 32])
def test_valid_codes(code):
    assert is_valid_code(code)


@pytest.mark.parametrize("code", ["ab", "a" * 33, "Poster", "uz gent", "uz_gent", "é-abc", "", None, 12345])
def test_invalid_codes(code):
    assert not is_valid_code(code)


def test_new_codes_are_valid_readable_and_different():
    codes = {new_code("Poster UZ Gent") for _ in range(50)}
    assert len(codes) == 50
    assert all(is_valid_code(c) and c.startswith("poster-uz-gent-") for c in codes)
    assert is_valid_code(new_code("")) and is_valid_code(new_code("x" * 80))
    assert not any(ch in c.rsplit("-", 1)[1] for c in codes for ch in "01lio")


def test_ensure_code_creates_the_code_once(app, db):
    with app.app_context():
        from screener.db import get_db

        assert ensure_code(get_db(), code="poster-a3", kind="poster", label="Poster A3", now=MONDAY_10H) == "poster-a3"
        ensure_code(get_db(), code="poster-a3", kind="poster", label="Another label", now=MONDAY_10H)
    assert queries.all_codes(db) == [{"code": "poster-a3", "kind": "poster", "label": "Poster A3",
                                      "created_at": "2026-11-23T09:00:00+00:00"}]


def test_ensure_code_refuses_a_bad_code_or_kind(app):
    with app.app_context():
        from screener.db import get_db

        with pytest.raises(ValueError):
            ensure_code(get_db(), code="Bad Code", kind="poster", label="x", now=MONDAY_10H)
        with pytest.raises(ValueError):
            ensure_code(get_db(), code="good-code", kind="billboard", label="x", now=MONDAY_10H)
