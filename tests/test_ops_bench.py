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
