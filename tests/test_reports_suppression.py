"""Small-number suppression: cells of 1 to 4 are hidden and cannot be found back from totals."""
from hypothesis import given, settings
from hypothesis import strategies as st

from screener.reports import suppression
from screener.reports.suppression import HIDDEN, SHIELD


def test_a_lone_small_cell_takes_the_smallest_other_cell_with_it():
    shown = suppression.one_way({"vrouw": 40, "man": 12, "andere": 2, None: 0})
    assert shown == {"vrouw": 40, "man": SHIELD, "andere": HIDDEN, None: 0, "_total": 54}
    assert str(shown["andere"]) == "<5" and str(shown["man"]) == "×"


def test_subtraction_finds_nothing_back():
    counts = {"vrouw": 40, "man": 12, "andere": 2, None: 0}
    shown = suppression.one_way(counts)
    lines = [("_total", list(counts))]
    assert suppression.recover(shown, lines) == {}
    # Without the second hidden cell, the same attack works: the test would notice a regression.
    naive = {**counts, "_total": 54, "andere": HIDDEN}
    assert suppression.recover(naive, lines) == {"andere": 2}


def test_two_small_cells_protect_each_other_and_zeros_stay_visible():
    shown = suppression.one_way({"a": 3, "b": 1, "c": 20, "d": 0})
    assert shown == {"a": HIDDEN, "b": HIDDEN, "c": 20, "d": 0, "_total": 24}


def test_a_small_total_is_hidden_with_its_cell():
    assert suppression.one_way({"a": 3, "b": 0}) == {"a": HIDDEN, "b": 0, "_total": HIDDEN}


def test_grouped_rows_cannot_be_recovered_through_group_subtotals():
    counts = {"p1": 5, "p2": 1, "e1": 7, "e2": 0, "c1": 1, "c2": 1}
    group = {"p1": "edpb", "p2": "edpb", "e1": "elp", "e2": "elp", "c1": "cgg", "c2": "cgg"}
    shown = suppression.grouped(counts, group)
    lines = [(("group", g), [k for k in counts if group[k] == g]) for g in ("edpb", "elp", "cgg")]
    lines += [("_total", [("group", g) for g in ("edpb", "elp", "cgg")]), ("_total", list(counts))]
    found = suppression.recover(shown, lines)
    assert all(not suppression.is_small(counts.get(k, 0)) for k in found if k in counts)
    assert shown["p2"] == HIDDEN and shown["c1"] == HIDDEN and shown["e1"] == 7 and shown["_total"] == 15


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 30), min_size=1),
       st.dictionaries(st.sampled_from("abcdefgh"), st.sampled_from("xyz"), min_size=8, max_size=8))
def test_property_no_small_count_is_ever_shown_or_recovered(counts, groups):
    group = {k: groups.get(k, "x") for k in counts}
    for shown, lines in (
        (suppression.one_way(counts), [("_total", list(counts))]),
        (suppression.grouped(counts, group),
         [(("group", g), [k for k in counts if group[k] == g]) for g in set(group.values())]
         + [("_total", [("group", g) for g in set(group.values())]), ("_total", list(counts))]),
    ):
        visible = {k: v for k, v in shown.items() if v != HIDDEN}
        assert not any(suppression.is_small(v) for v in visible.values())
        recovered = suppression.recover(shown, lines)
        truth = {**counts, "_total": sum(counts.values())}
        truth.update({("group", g): sum(v for k, v in counts.items() if group[k] == g) for g in set(group.values())})
        for key, value in recovered.items():
            assert value == truth[key]  # what can be derived is right, and never a small count
            assert not suppression.is_small(value), (counts, shown, key)
