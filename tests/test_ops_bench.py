"""The benchmark still runs end to end against today's site (short and small, not a measurement)."""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_every_scenario_without_errors(tmp_path):
    env = dict(os.environ, BENCH_SECONDS="1", BENCH_SLICES="1", BENCH_CLIENTS="2", BENCH_RESULTS=str(tmp_path))
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py")], env=env, cwd=str(ROOT),
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    [report] = tmp_path.glob("bench-*.json")
    figures = json.loads(report.read_text())
    names = [s["name"] for s in figures["site"]]
    assert len(names) == 4 and any("contact request" in n for n in names)
    for scenario in figures["site"]:
        assert scenario["errors"] == 0 and scenario["transactions"] > 0, scenario["name"]
        assert scenario["ceiling"]["requests_per_second"] > 0
    assert all(m["rss_mb"] > 10 for m in figures["memory"])
    assert "ratio" in next(tmp_path.glob("bench-*.txt")).read_text()
    assert "targets:" in next(tmp_path.glob("bench-*.txt")).read_text()


def _scenario(name, rps, ceiling_rps, per_request=None, errors=0):
    return {"name": name, "requests_per_second": rps, "ceiling": {"requests_per_second": ceiling_rps},
            "per_request": per_request or {}, "errors": errors, "clients": 16}


def test_the_report_says_which_targets_were_met():
    sys.path.insert(0, str(ROOT / "bench"))
    import run

    results = {"site": [
        _scenario("screener step (POST answer -> next question)", 600, 1000),
        _scenario("contact request (POST -> 303 -> thank-you page)", 400, 1600, errors=1, per_request={
            "POST /aanmelden": {"p95_ms": 99.6}, "GET /aanmelden/klaar": {"p95_ms": 130.0}}),
    ]}
    assert run.targets(results) == [
        ("screener step: at least 0.50 of the ceiling's throughput", "0.60", True),
        ("contact request, POST /aanmelden: p95 at most 100 ms with 16 clients", "100 ms", True),
        ("contact request, GET /aanmelden/klaar: p95 at most 100 ms with 16 clients", "130 ms", False),
        ("no errors", "1", False),
    ]
