"""`make bench`: the site under gunicorn (production settings) against the ceiling of this stack.

Starts the site with gunicorn.conf.py on 127.0.0.1 with a throw-away database, `flask worker`
and a local SMTP sink, and beside it a minimal Flask app under the same settings (the ceiling).
Each scenario is measured in short slices that alternate between the ceiling and the site, so
both see the same moments of a shared, noisy machine; every figure is printed as a ratio of the
ceiling. Writes bench/results/bench-<time>.txt and .json. Settings: BENCH_SECONDS (per scenario,
default 10), BENCH_CLIENTS (16), BENCH_SLICES (5), BENCH_ONLY (a part of a scenario name),
BENCH_WORKERS / BENCH_THREADS (default: those of gunicorn.conf.py, 2 x 4), BENCH_RESULTS (folder).
"""
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import load  # noqa: E402
import scenarios  # noqa: E402
from servers import Gunicorn, SMTPSink, production_env  # noqa: E402

SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "16"))
SLICES = int(os.environ.get("BENCH_SLICES", "5"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_THREADS", "4"))
WARMUP = 0.5  # before every slice; the first slice of a scenario gets 2 s


def memory_of(pids):
    """Resident and proportional memory (MB) of each process: PSS counts shared pages once."""
    result = []
    for pid in pids:
        fields = {}
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, value = line.split(":", 1)
            fields[name] = int(value.split()[0])
        result.append({"pid": pid, "rss_mb": round(fields["Rss"] / 1024, 1), "pss_mb": round(fields["Pss"] / 1024, 1)})
    return result


def site_scenarios():
    """(name, site scenario, ceiling scenario) pairs."""
    named = [
        ("first screener page (GET /screener)", scenarios.first_page, scenarios.ceiling_get),
        ("screener step (POST answer -> next question)", scenarios.ScreenerSteps(), scenarios.ceiling_post),
        ("whole screening (15 requests)", scenarios.whole_screening, scenarios.ceiling_get),
        ("contact request (POST -> 303 -> thank-you page)", scenarios.ContactRequests(), scenarios.ceiling_post),
    ]
    only = os.environ.get("BENCH_ONLY")  # e.g. BENCH_ONLY=contact to measure one scenario
    return [entry for entry in named if not only or only in entry[0]]


class Worker:
    """`flask worker` beside the web server, as in production: it sends the outbox to the SMTP sink."""

    def __init__(self, env):
        self.env = env

    def __enter__(self):
        flask = str(Path(sys.executable).with_name("flask"))
        self.process = subprocess.Popen([flask, "--app", "bench.wsgi_site:app", "worker"], env=self.env,
                                        cwd=str(HERE.parent), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


def measure(results, sink):
    instance = Path(tempfile.mkdtemp(prefix="bench-site-"))
    # One address sends all the load here; the per-address rate limits would answer 429.
    env = production_env(instance, sink.port, ZORGSAMEN_RATELIMIT_ENABLED="false")
    ceiling_env = production_env(Path(tempfile.mkdtemp(prefix="bench-ceiling-")), sink.port)
    with Gunicorn("bench.wsgi_site:app", env, WORKERS, THREADS) as site, Worker(env), \
            Gunicorn("bench.ceiling_app:app", ceiling_env, WORKERS, THREADS) as ceiling:
        for name, scenario, ceiling_scenario in site_scenarios():
            print(f"{name} ...", flush=True)
            site_slices, ceiling_slices = [], []
            for number in range(SLICES):
                warmup = 2.0 if number == 0 else WARMUP
                ceiling_slices += load.run(ceiling.url, ceiling_scenario, CLIENTS, SECONDS / SLICES, warmup)["slices"]
                site_slices += load.run(site.url, scenario, CLIENTS, SECONDS / SLICES, warmup)["slices"]
            results["site"].append(dict(load.summarise(site_slices, CLIENTS), name=name,
                                        ceiling=load.summarise(ceiling_slices, CLIENTS),
                                        ceiling_name=ceiling_scenario.__name__))
        results["memory"] = memory_of(site.worker_pids())
        results["master_memory"] = memory_of([site.process.pid])[0]
        results["ceiling_memory"] = memory_of(ceiling.worker_pids())
    results["database_mb"] = round(sum(p.stat().st_size for p in instance.glob("screener.db*")) / 2**20, 1)


def ms(value):
    return "-" if value is None else f"{value:.0f}"


def ratio_of(scenario):
    """The site's requests per second as a share of the ceiling's."""
    ceiling = scenario["ceiling"]["requests_per_second"]
    return scenario["requests_per_second"] / ceiling if ceiling else 0


def targets(results):
    """(target, measured, met) for each target of the production issue that this run measured."""
    found = []
    for s in results["site"]:
        if s["name"].startswith("screener step"):
            found.append(("screener step: at least 0.50 of the ceiling's throughput", f"{ratio_of(s):.2f}",
                          ratio_of(s) >= 0.5))
        if s["name"].startswith("contact request"):
            for label, r in s["per_request"].items():
                found.append((f"contact request, {label}: p95 at most 100 ms with {s['clients']} clients",
                              f"{ms(r['p95_ms'])} ms", r["p95_ms"] is not None and r["p95_ms"] <= 100))
    errors = sum(s["errors"] for s in results["site"])
    found.append(("no errors", str(errors), errors == 0))
    return found


def report(results):
    """The report as text: per scenario the site's figures, the ceiling's, and their ratio."""
    lines = [
        f"ZorgSamen bench {results['at']} on {results['machine']}",
        f"gunicorn.conf.py: {results['workers']} workers x {results['threads']} threads (gthread); "
        f"{CLIENTS} concurrent clients; {SECONDS:.0f} s per scenario and as much for its ceiling, "
        f"in {SLICES} alternating slices",
        f"machine load average (1 min) before the run {results['load_average_before']:.1f}, "
        f"after {results['load_average_after']:.1f} (other work on the machine skews absolute figures)",
        "",
        f"{'scenario':48} {'tx/s':>7} {'req/s':>7} {'p50':>5} {'p95':>5} {'p99':>5} {'err':>4}"
        f" | {'ceiling req/s':>13} {'p95':>4} | ratio",
    ]
    for s in results["site"]:
        c = s["ceiling"]
        lines.append(f"{s['name']:48} {s['per_second']:7.1f} {s['requests_per_second']:7.0f} {ms(s['p50_ms']):>5} "
                     f"{ms(s['p95_ms']):>5} {ms(s['p99_ms']):>5} {s['errors']:>4} | {c['requests_per_second']:13.0f}"
                     f" {ms(c['p95_ms']):>4} | {ratio_of(s):.2f}")
        if len(s["per_request"]) > 1:
            for label, r in s["per_request"].items():
                lines.append(f"    {label:44} {'':7} {'':7} {ms(r['p50_ms']):>5} {ms(r['p95_ms']):>5} {ms(r['p99_ms']):>5}")
        for sample in s["error_samples"]:
            lines.append(f"    error: {sample}")
    lines += ["",
              "tx/s: transactions per second (a whole screening is one transaction of 15 requests; a contact",
              "request is POST + thank-you page); latency in ms per transaction, indented: per request inside it;",
              "ceiling: the minimal Flask app (GET or POST of one small template), same gunicorn settings;",
              "ratio: the site's requests per second / the ceiling's, measured in alternating slices",
              f"load generator: {max(s['client_cores'] for s in results['site']):.1f} core at most (same machine)",
              "memory per site worker: " + ", ".join(f"RSS {m['rss_mb']} MB / PSS {m['pss_mb']} MB" for m in results["memory"]),
              f"memory of the gunicorn master: RSS {results['master_memory']['rss_mb']} MB",
              "memory per ceiling worker: " + ", ".join(f"RSS {m['rss_mb']} MB" for m in results["ceiling_memory"]),
              f"database after the run: {results['database_mb']} MB",
              f"e-mails delivered to the SMTP sink by the worker during the run: {results['emails_received']}",
              "", "targets:"]
    lines += [f"  {'met    ' if met else 'NOT MET'} {target}: {measured}" for target, measured, met in targets(results)]
    return "\n".join(lines) + "\n"


def without_raw(value):
    """The results without the raw latency lists (kept small on disk)."""
    if isinstance(value, dict):
        return {k: without_raw(v) for k, v in value.items() if k != "slices"}
    if isinstance(value, list):
        return [without_raw(v) for v in value]
    return value


def main():
    results = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
               "machine": f"{platform.node()} ({os.cpu_count()} cores, Python {platform.python_version()})",
               "workers": WORKERS, "threads": THREADS, "site": [], "load_average_before": os.getloadavg()[0]}
    with SMTPSink() as sink:
        measure(results, sink)
        results["emails_received"] = sink.count
    results["load_average_after"] = os.getloadavg()[0]
    text = report(results)
    out = Path(os.environ.get("BENCH_RESULTS") or HERE / "results")
    out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (out / f"bench-{stamp}.txt").write_text(text)
    (out / f"bench-{stamp}.json").write_text(json.dumps(without_raw(results), indent=2))
    print(text)
    print(f"Report written to {out / f'bench-{stamp}.txt'}")
    return 1 if any(s["errors"] for s in results["site"]) else 0


if __name__ == "__main__":
    sys.exit(main())
