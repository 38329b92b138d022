"""Several processes submit requests at once on one SQLite file: each confirmed request is complete."""
import multiprocessing
import re

from screener import create_app
from screener.db import connect
from screener.cases.providers import get_providers

from helpers import csrf_token, make_config

PER_PROCESS = 8
PROCESSES = 4


def _submit_many(config, worker, barrier, results):
    app = create_app(config)
    client = app.test_client()
    page = client.get("/aanmelden").get_data(as_text=True)
    token = csrf_token(page)
    barrier.wait()
    outcomes = []
    for i in range(PER_PROCESS):
        response = client.post("/aanmelden", data={
            "csrf_token": token, "name": f"P{worker}-{i}", "phone": "0470 12 34 56", "choice": "auto",
            "province": ["limburg", "antwerpen", "brussel"][i % 3], "consent": "1", "action": "send"})
        reference = None
        if response.status_code == 303:
            done = client.get("/aanmelden/klaar").get_data(as_text=True)
            reference = re.search(r"ZS-[A-Z0-9]{6}", done).group(0)
        outcomes.append((response.status_code, reference, "database is locked" in response.get_data(as_text=True)))
    results.put(outcomes)


def test_concurrent_submissions_each_get_exactly_their_case_and_email(tmp_path):
    config = make_config(tmp_path)
    app = create_app(config)  # migrate once, as the server does at start
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(PROCESSES), ctx.Queue()
    processes = [ctx.Process(target=_submit_many, args=(config, n, barrier, results)) for n in range(PROCESSES)]
    for p in processes:
        p.start()
    outcomes = [o for _ in processes for o in results.get(timeout=120)]
    for p in processes:
        p.join(30)
    assert len(outcomes) == PROCESSES * PER_PROCESS
    assert {status for status, _, _ in outcomes} == {303}
    assert not any(locked for _, _, locked in outcomes)
    references = [ref for _, ref, _ in outcomes]
    db = connect(config["DATABASE"])
    cases = {c["reference"]: c for c in db["cases"].rows}
    assert sorted(cases) == sorted(references) and len(set(references)) == len(references)
    with app.app_context():
        teams = {p.id: sorted(p.team_emails) for p in get_providers()}
    for case in cases.values():
        mails = list(db["outbox"].rows_where("case_id = ?", [case["id"]]))
        events = list(db["case_events"].rows_where("case_id = ?", [case["id"]]))
        assert sorted(m["to_addr"] for m in mails) == teams[case["provider_id"]]
        assert [e["kind"] for e in events] == ["created"]
