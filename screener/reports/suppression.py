"""Small-number suppression: no count of requests or cases below 5 can be read or recovered.

A table is a set of named cells and the additive lines that hold between them
(a total equals the sum of its parts). Cells from 1 to 4 are suppressed, and whenever a line
has exactly one suppressed cell, a second one in that line is suppressed as well, so that the
first cannot be found by subtracting the others from the total.
"""

THRESHOLD = 5


class Hidden:
    """A suppressed count. A small one reads '<5'; one hidden only to protect another reads '×'."""

    def __init__(self, small=True):
        self.small = small

    def __str__(self):
        return f"<{THRESHOLD}" if self.small else "×"

    __repr__ = __str__

    def __eq__(self, other):
        return isinstance(other, Hidden)

    def __hash__(self):
        return hash("Hidden")


HIDDEN = Hidden()  # a count from 1 to 4
SHIELD = Hidden(small=False)  # a larger count hidden so that a small one cannot be recovered


def is_small(value):
    """A count that would point at (almost) one person: 1 to 4. Zero is shown."""
    return 0 < value < THRESHOLD


def suppressed_cells(values, lines):
    """The keys to hide, given {key: count} and lines [(total_key, [part keys])]."""
    hidden = {key for key, value in values.items() if is_small(value)}
    changed = True
    while changed:
        changed = False
        for total_key, parts in lines:
            line = [total_key, *parts]
            unknown = [key for key in line if key in hidden]
            if len(unknown) != 1:
                continue
            # Hide the smallest known non-zero cell of the line; a zero is no help to hide.
            candidates = sorted((values[key], str(key)) for key in line if key not in hidden and values[key] > 0)
            if not candidates:
                continue  # all others are zero: the hidden one is the total itself, also hidden
            smallest = next(key for key in line if key not in hidden and (values[key], str(key)) == candidates[0])
            hidden.add(smallest)
            changed = True
    return hidden


def apply(values, lines):
    """{key: count} with suppressed cells replaced: HIDDEN ('<5') for small ones, SHIELD ('×') for others."""
    hidden = suppressed_cells(values, lines)
    return {key: ((HIDDEN if is_small(value) else SHIELD) if key in hidden else value) for key, value in values.items()}


def one_way(counts, total_key="_total"):
    """Suppress a breakdown with its total: returns {key: count or HIDDEN} including the total."""
    values = dict(counts)
    values[total_key] = sum(counts.values())
    return apply(values, [(total_key, list(counts))])


def grouped(counts, group_of, total_key="_total"):
    """Suppress a breakdown whose rows add up to groups, and groups to the total.

    `group_of` maps each key to its group; group subtotals are keyed ("group", name).
    """
    values = dict(counts)
    groups = {}
    for key in counts:
        groups.setdefault(group_of[key], []).append(key)
    lines = []
    for group, members in groups.items():
        values[("group", group)] = sum(counts[key] for key in members)
        lines.append((("group", group), members))
    values[total_key] = sum(counts.values())
    lines.append((total_key, [("group", group) for group in groups]))
    lines.append((total_key, list(counts)))
    return apply(values, lines)


def recover(values, lines):
    """An attacker's try: solve every line with one unknown, repeatedly. Returns what was found."""
    known = {key: value for key, value in values.items() if value != HIDDEN}
    found = {}
    progress = True
    while progress:
        progress = False
        for total_key, parts in lines:
            unknown = [key for key in [total_key, *parts] if key not in known]
            if len(unknown) != 1:
                continue
            key = unknown[0]
            rest = sum(known[p] for p in parts if p != key)
            known[key] = found[key] = (rest if key == total_key else known[total_key] - rest)
            progress = True
    return found


def two_way(counts, row_keys, column_keys, total_key="_total"):
    """Suppress a cross table {(row, column): count} with its row, column and grand totals.

    Returns {(row, column): count or Hidden}, totals keyed (row, total_key), (total_key, column) and
    (total_key, total_key). Every row and every column is an additive line, and so are both ways to
    the grand total, so no hidden cell follows from its row or its column.
    """
    values = {(row, column): counts.get((row, column), 0) for row in row_keys for column in column_keys}
    for row in row_keys:
        values[(row, total_key)] = sum(values[(row, column)] for column in column_keys)
    for column in column_keys:
        values[(total_key, column)] = sum(values[(row, column)] for row in row_keys)
    values[(total_key, total_key)] = sum(values[(row, total_key)] for row in row_keys)
    lines = [((row, total_key), [(row, column) for column in column_keys]) for row in row_keys]
    lines += [((total_key, column), [(row, column) for row in row_keys]) for column in column_keys]
    lines += [((total_key, total_key), [(total_key, column) for column in column_keys]),
              ((total_key, total_key), [(row, total_key) for row in row_keys])]
    return apply(values, lines)
