"""The first-helper decision tree as plain data: validation, paths and breadcrumbs. No Flask here."""
import re
from collections import deque

from ..config import LANGUAGES

NODE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_CHOICES, MAX_CHOICES = 2, 5
MIN_TIPS, MAX_TIPS = 3, 5


def is_leaf(node):
    """A leaf ends the walk with a video (self-hosted or on an external host)."""
    return "choices" not in node and ("video" in node or "external_url" in node)


def validate(tree, media_files, languages=LANGUAGES):
    """Every problem of `tree` as (node_id, message) pairs; [] when the tree is sound.

    `media_files` is the set of file names present in the media folder.
    """
    if not isinstance(tree, dict) or not isinstance(tree.get("nodes"), dict) or not tree["nodes"]:
        return [("(boom)", "geen 'nodes' gevonden")]
    nodes, start = tree["nodes"], tree.get("start")
    problems = []
    if start not in nodes:
        problems.append(("(boom)", f"startknoop '{start}' bestaat niet"))
    for node_id, node in nodes.items():
        problems += [(node_id, message) for message in _node_problems(node_id, node, nodes, media_files, languages)]
    if start in nodes:
        problems += _cycles(nodes, start)
        reachable = _reachable(nodes, start)
        problems += [(node_id, "onbereikbaar vanaf de start") for node_id in nodes if node_id not in reachable]
    return problems


def _node_problems(node_id, node, nodes, media_files, languages):
    if not NODE_ID.match(str(node_id)):
        yield "ongeldige naam: gebruik kleine letters, cijfers en koppeltekens"
    if not isinstance(node, dict):
        yield "is geen knoop"
        return
    if "choices" in node:
        yield from _text_problems(node, "question", languages)
        yield from _text_problems(node, "text", languages, required=False)
        choices = node["choices"] or []
        if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
            yield f"heeft {len(choices)} keuzes, verwacht {MIN_CHOICES} tot {MAX_CHOICES}"
        for number, choice in enumerate(choices, 1):
            if not isinstance(choice, dict):
                yield f"keuze {number} is onvolledig"
                continue
            yield from _text_problems(choice, "label", languages, where=f"keuze {number}: ")
            if choice.get("to") not in nodes:
                yield f"keuze {number} verwijst naar onbekende knoop '{choice.get('to')}'"
    elif is_leaf(node):
        yield from _leaf_problems(node, media_files, languages)
    else:
        yield "doodlopend: geen keuzes en geen video"


def _leaf_problems(node, media_files, languages):
    for field in ("title", "text"):
        yield from _text_problems(node, field, languages, required=field == "title")
    if "video" in node:
        for field in ("video", "poster"):
            if not node.get(field):
                yield f"'{field}' ontbreekt"
            elif node[field] not in media_files:
                yield f"bestand '{node[field]}' ontbreekt in de mediamap"
        captions = node.get("captions") or {}
        for language in languages:
            if not captions.get(language):
                yield f"ondertitels in '{language}' ontbreken"
            elif captions[language] not in media_files:
                yield f"ondertitelbestand '{captions[language]}' ontbreekt in de mediamap"
    if "external_url" in node and not str(node["external_url"]).startswith("https://"):
        yield "'external_url' moet met https:// beginnen"
    if "external_url" in node and not node.get("external_host"):
        yield "'external_host' (de naam van de videodienst) ontbreekt"
    lines = node.get("transcript") or []
    if not lines:
        yield "transcript ontbreekt"
    for number, line in enumerate(lines, 1):
        yield from _translations(line, languages, f"transcript regel {number}")
    tips = node.get("tips") or []
    if not MIN_TIPS <= len(tips) <= MAX_TIPS:
        yield f"heeft {len(tips)} tips, verwacht {MIN_TIPS} tot {MAX_TIPS}"
    for number, tip in enumerate(tips, 1):
        yield from _translations(tip, languages, f"tip {number}")


def _text_problems(node, field, languages, required=True, where=""):
    if field not in node:
        if required:
            yield f"{where}'{field}' ontbreekt"
        return
    yield from _translations(node[field], languages, f"{where}'{field}'")


def _translations(text, languages, label):
    if not isinstance(text, dict):
        yield f"{label}: verwacht een tekst per taal ({', '.join(languages)})"
        return
    for language in languages:
        if not str(text.get(language) or "").strip():
            yield f"{label}: vertaling '{language}' ontbreekt"


def targets(node):
    """The node ids a node's choices lead to (none for a leaf)."""
    if not isinstance(node, dict):
        return []
    return [c.get("to") for c in node.get("choices") or [] if isinstance(c, dict)]


def _reachable(nodes, start):
    seen, queue = {start}, deque([start])
    while queue:
        for target in targets(nodes[queue.popleft()]):
            if target in nodes and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _cycles(nodes, start):
    """A cycle makes the walk endless; report the node whose choice closes each loop."""
    problems, state = [], {}  # state: 1 = on the current path, 2 = done
    for root in [start] + list(nodes):
        if state.get(root):
            continue
        stack = [(root, iter(targets(nodes[root])))]
        state[root] = 1
        while stack:
            node_id, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node_id] = 2
                stack.pop()
            elif child in nodes and state.get(child) == 1:
                problems.append((node_id, f"maakt een kring: keuze terug naar '{child}'"))
            elif child in nodes and not state.get(child):
                state[child] = 1
                stack.append((child, iter(targets(nodes[child]))))
    return problems


def parse_path(raw, max_length):
    """The steps in a breadcrumb parameter "start.0,gesprek.2" as [(node_id, choice_number)]; [] if malformed."""
    if not raw or len(raw) > 48 * max_length:
        return []
    steps = []
    for part in raw.split(",")[: max_length + 1]:
        node_id, _, number = part.partition(".")
        if not NODE_ID.match(node_id) or not number.isdigit() or len(number) > 2:
            return []
        steps.append((node_id, int(number)))
    return steps if len(steps) <= max_length else []


def format_path(steps):
    """The breadcrumb parameter for a list of (node_id, choice_number) steps."""
    return ",".join(f"{node_id}.{number}" for node_id, number in steps)


def checked_path(tree, steps, node_id):
    """The steps that led to `node_id`: `steps` when they are a real walk from the start ending here,
    else the shortest walk (a shared or outdated link still gets a sensible breadcrumb)."""
    if steps and steps[0][0] == tree["start"] and _walks_to(tree["nodes"], steps, node_id):
        return list(steps)
    return shortest_path(tree, node_id)


def _walks_to(nodes, steps, node_id):
    arrivals = [s[0] for s in steps[1:]] + [node_id]
    for (at, number), arrival in zip(steps, arrivals):
        choices = (nodes.get(at) or {}).get("choices") or []
        if number >= len(choices) or choices[number].get("to") != arrival:
            return False
    return True


def shortest_path(tree, node_id):
    """The (node_id, choice_number) steps of the shortest walk from the start to `node_id`."""
    nodes, start = tree["nodes"], tree["start"]
    previous, queue = {start: None}, deque([start])
    while queue:
        current = queue.popleft()
        if current == node_id:
            break
        for number, target in enumerate(targets(nodes[current])):
            if target in nodes and target not in previous:
                previous[target] = (current, number)
                queue.append(target)
    steps, step = [], previous.get(node_id)
    while step is not None:
        steps.append(step)
        step = previous[step[0]]
    return steps[::-1]
