"""The answers for the steering group, first on the dashboard: every figure equals the database, asked
here without the app, and the figure in the detail block it links to."""
import re
import statistics
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from screener.cases.providers import get_providers
from screener.reports import labels
from test_reports_demo_flow import NOW, all_cases, app_config, demo_year, utc, year_query  # noqa: F401
from test_reports_figures import TableReader, number

BRUSSELS = ZoneInfo("Europe/Brussels")


class AnswerReader(HTMLParser):
    """[{question, figure, href, context, anchor}] of the answers section, and every id on the page."""

    def __init__(self):
        super().__init__()
        self.answers, self.ids, self.part, self.inside = [], [], None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        self.inside = self.inside or attrs.get("id") == "antwoorden"
        if not self.inside:
            return
        if tag == "div" and "answer" in (attrs.get("class") or "").split():
            self.answers.append({"anchor": attrs["data-anchor"], "question": "", "figure": "", "context": ""})
        elif self.answers and tag == "dt":
            self.part = "question"
        elif self.answers and tag == "dd":
            self.part = "figure" if "answer-figure" in attrs.get("class", "") else "context"
        elif tag == "a" and self.part == "figure":
            self.answers[-1]["href"] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "section":
            self.inside = False
        if tag in ("dt", "dd"):
            self.part = None

    def handle_data(self, data):
        if self.part:
            self.answers[-1][self.part] = " ".join((self.answers[-1][self.part] + data).split())


def read(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    reader, tables = AnswerReader(), TableReader()
    reader.feed(html)
    tables.feed(html)
    return html, {a["question"]: a for a in reader.answers}, reader, {k: rows[1:] for k, rows in tables.tables.items()}


def local_day(text):
    return utc(text).astimezone(BRUSSELS).date().isoformat()


@pytest.fixture
def year(demo_year, db):
    cases = all_cases(db)
    query = year_query(cases)
    day_from, day_to = re.match(r"\?van=(.+)&tot=(.+)", query).groups()
    return cases, query, day_from, day_to


def test_each_answer_equals_the_database_and_its_detail_block(demo_year, db, app, year):
    cases, query, day_from, day_to = year
    html, answers, reader, tables = read(demo_year, "/rapporten/" + query)

    views = db.execute("SELECT COUNT(*) FROM page_views WHERE day BETWEEN ? AND ?", [day_from, day_to]).fetchone()[0]
    answer = answers["Hoeveel pagina's werden bekeken?"]
    assert number(answer["figure"]) == views == number(tables["bezoek"][-1][4]) > 1000

    top = db.execute("SELECT page, COUNT(*) FROM page_views WHERE day BETWEEN ? AND ? GROUP BY page "
                     "ORDER BY 2 DESC, page LIMIT 1", [day_from, day_to]).fetchone()
    answer = answers["Welke pagina's werden het meest bekeken?"]
    assert answer["figure"] == labels.PAGE_NAMES[top[0]] and "/" not in answer["figure"]
    assert answer["context"].startswith(f"{labels.PAGE_NAMES[top[0]]} {top[1]},")

    per_band = dict(db.execute("SELECT band, COUNT(*) FROM screenings WHERE status = 'completed' AND day BETWEEN ? AND ? "
                               "GROUP BY band", [day_from, day_to]).fetchall())
    completed = sum(per_band.values())
    answer = answers["Hoeveel screenings werden afgerond?"]
    assert number(answer["figure"]) == completed == number(tables["per-kleur"][-1][1]) > 100
    for band, name in (("green", "Groen"), ("orange", "Oranje"), ("red", "Rood")):
        assert f"{name} {per_band[band]} ({round(100 * per_band[band] / completed)} %)" in answer["context"]

    requests = [c for c in cases if c["parent_case_id"] is None and day_from <= local_day(c["created_at"]) <= day_to]
    answer = answers["Hoeveel aanvragen kwamen er?"]
    assert number(answer["figure"]) == len(requests) == number(tables["doorstroom"][-1][1]) > 20

    moved_on = sum(1 for c in requests if any(other["parent_case_id"] == c["id"] for other in cases))
    answer = answers["Hoeveel aanvragen gingen verder naar trap 2 of 3?"]
    shown = sum(number(row[1]) for row in tables["doorstroom"][:-1] if "→" in row[0])
    assert number(answer["figure"]) == moved_on == shown > 0
    assert answer["context"].startswith(f"{round(100 * moved_on / len(requests))} % van {len(requests)} aanvragen")

    # The median wait per kind: contacted cases, and those still waiting past their deadline.
    with app.app_context():
        kind_of = {p.id: p.kind for p in get_providers()}
    names = {"edpb": "Preventiedienst (trap 1)", "elp": "Eerstelijnspsycholoog (trap 2)", "cgg": "CGG (trap 3)"}
    detail = {row[0]: row for row in tables["wachttijd-soort"]}
    for kind, name in names.items():
        waits = []
        for c in (c for c in cases if kind_of.get(c["provider_id"]) == kind):
            if c["first_contact_at"]:
                waits.append((utc(c["first_contact_at"]) - utc(c["created_at"])).total_seconds() / 3600)
            elif c["status"] != "closed" and utc(c["due_at"]) < NOW:
                waits.append((NOW - utc(c["created_at"])).total_seconds() / 3600)
        answer = answers[f"Mediaan wachttijd tot eerste contact, {name} (uur)"]
        assert number(answer["figure"]) == round(statistics.median(waits), 1) == number(detail[name][3])
        assert f"op tijd ({len(waits)} aanvragen)" in answer["context"]

    # Satisfaction and barriers read from their blocks (outcomes: tests/test_reports_followup.py).
    assert answers["Hadden mensen iets aan hun resultaat? (aandeel positief)"]["figure"] == f'{tables["nut-resultaat"][-1][-1]} %'
    barrier = answers["Wat houdt mensen tegen? (meest gekozen)"]
    top_row = max((r for r in tables["drempels"][:-1] if r[-2].isdigit()), key=lambda r: int(r[-2]))
    assert barrier["figure"] == f"{top_row[-1]} %" and barrier["context"].startswith(f'"{top_row[0]}"')

    # Personal breakdowns keep the blocks' cells, suppressed ones included.
    gender = answers["Aanvragen per gender"]
    cells = {row[0]: row[1] for row in tables["aanvragen-gender"][:-1]}
    for name, cell in cells.items():
        if cell != "0":
            assert f"{name} {cell}" in gender["context"]

    # Every figure links to a block on the page.
    assert len(answers) >= 15
    for answer in answers.values():
        assert answer["href"] == f"#blok-{answer['anchor']}" and f"blok-{answer['anchor']}" in reader.ids, answer


@pytest.mark.parametrize("path", ["/rapporten/", "/rapporten/verslag"])
def test_the_answers_come_first(demo_year, year, path):
    _cases, query, _from, _to = year
    html, answers, reader, _tables = read(demo_year, path + query)
    assert "Antwoorden voor de stuurgroep" in html
    first_block = min(i for i, name in enumerate(reader.ids) if name.startswith("blok-"))
    assert reader.ids.index("antwoorden") < first_block
    assert html.index('id="antwoorden"') < html.index('class="report-summary"')


def test_small_numbers_stay_hidden_and_an_empty_range_says_so(demo_year, db):
    # One day has few requests per gender: the answer shows the block's cells, <5 and × included.
    day = db.execute("SELECT MAX(day) FROM request_tallies WHERE dimension = 'gender' AND count > 0").fetchone()[0]
    _html, answers, _reader, tables = read(demo_year, f"/rapporten/?van={day}&tot={day}")
    cells = {row[0]: row[1] for row in tables["aanvragen-gender"][:-1] if row[1] != "0"}
    assert any(cell in ("<5", "×") for cell in cells.values())
    for name, cell in cells.items():
        assert f"{name} {cell}" in answers["Aanvragen per gender"]["context"]
    # Before the demo year: zeros and dashes, no error, no invented outcome.
    _html, answers, _reader, _tables = read(demo_year, "/rapporten/?van=2021-01-01&tot=2021-01-31")
    assert answers["Hoeveel pagina's werden bekeken?"]["figure"] == "0"
    assert answers["Welke pagina's werden het meest bekeken?"]["figure"] == "–"
    assert answers["Hadden mensen iets aan hun resultaat? (aandeel positief)"]["figure"] == "–"
    assert answers["Wat houdt mensen tegen? (meest gekozen)"]["figure"] == "–"
    assert answers["Gaat het beter met wie hulp kreeg?"]["figure"] == "Nog geen opvolging"
