"""Demo counts for the reports: plausible, and only for nodes that exist."""
from screener.content import get
from screener.firsthelper import demo, queries, tree


def test_demo_counts_cover_two_months_with_fewer_plays_than_visits(app, db):
    with app.app_context():
        demo.seed_counts(app, db)
        nodes = get("firsthelper")["nodes"]
    counts = queries.counts(db)
    assert len({day for day, _node, _kind in counts}) == 60
    assert {node for _day, node, _kind in counts} == set(nodes)
    for (day, node, kind), plays in counts.items():
        if kind == "play":
            assert tree.is_leaf(nodes[node]) and plays <= counts[(day, node, "visit")]
    visits = lambda node: sum(n for (d, x, k), n in counts.items() if x == node and k == "visit")  # noqa: E731
    assert visits("start") > visits("luisteren")  # fewer people reach a leaf than start
