"""Demo counts for `flask demo`: a plausible two months of visits and plays."""
import random
from datetime import timedelta

from .. import clock
from ..content import get
from . import queries, tree
from .counting import count_day


def seed_counts(app, db):
    """Visits that thin out deeper in the tree, plays on a share of leaf visits, more on weekdays."""
    rng = random.Random(5)
    nodes = get("firsthelper")["nodes"]
    depth = {node_id: len(tree.shortest_path(get("firsthelper"), node_id)) for node_id in nodes}
    today = clock.now()
    rows = []
    for days_ago in range(60):
        moment = today - timedelta(days=days_ago)
        busy = 1.0 if moment.weekday() < 5 else 0.5
        for node_id, node in nodes.items():
            visits = int(rng.randint(20, 60) * busy / (1 + depth[node_id]))
            if visits:
                rows.append((count_day(moment), node_id, "visit", visits))
            if tree.is_leaf(node) and visits:
                rows.append((count_day(moment), node_id, "play", int(visits * rng.uniform(0.4, 0.8))))
    queries.add_many(db, rows)
